"""Every trend and milestone rule, including the edge cases, on small made-up series."""

from __future__ import annotations

import datetime as dt

from tests.unit.helpers import dataset, indicator

from mission_tracker.analyse.facts import Progress, Trend, analyse, indicator_facts

# -- trend ------------------------------------------------------------------------------------


def test_annual_data_compares_with_previous_year() -> None:
    facts = indicator_facts(indicator([("2022", 50.0), ("2023", 53.0)]))
    assert facts.change.trend is Trend.IMPROVING
    assert facts.change.sentence == (
        "Up 3.0 percentage points from 50.0% in 2022: improving (higher is better)."
    )


def test_monthly_data_compares_with_same_month_a_year_earlier() -> None:
    rows = [("2021-10", 70.0)] + [(f"2022-{m:02d}", 10.0) for m in range(1, 11)]
    facts = indicator_facts(indicator(rows, period_type="month"))
    assert facts.change.earlier is not None
    assert facts.change.earlier.period.text == "2021-10"
    assert facts.change.trend is Trend.WORSENING


def test_lower_is_better_fall_is_improving() -> None:
    facts = indicator_facts(
        indicator([("2022", 1000.0), ("2023", 900.0)], unit="count", direction="lower_is_better")
    )
    assert facts.change.trend is Trend.IMPROVING
    assert facts.change.sentence.startswith("Down 100 from 1,000 in 2022")


def test_change_within_default_tolerance_is_little_change() -> None:
    # Default tolerance is 1% of the earlier figure: 0.5 of 50.
    facts = indicator_facts(indicator([("2022", 50.0), ("2023", 50.4)]))
    assert facts.change.trend is Trend.LITTLE_CHANGE
    assert facts.change.tolerance == 0.5


def test_declared_tolerance_is_used() -> None:
    facts = indicator_facts(indicator([("2022", 50.0), ("2023", 51.5)], tolerance=2))
    assert facts.change.trend is Trend.LITTLE_CHANGE


def test_contested_and_neutral_directions_get_no_judgement() -> None:
    for direction in ("contested", "neutral"):
        facts = indicator_facts(indicator([("2022", 1.0), ("2023", 9.0)], direction=direction))
        assert facts.change.trend is Trend.NOT_JUDGED
        assert "no judgement is made" in facts.change.sentence


def test_one_point_is_not_assessed() -> None:
    facts = indicator_facts(indicator([("2023", 50.0)]))
    assert facts.change.trend is Trend.NOT_ASSESSED
    assert (
        facts.change.sentence
        == "Change is not assessed: there is no figure for 2022, a year earlier."
    )


def test_all_gaps_has_no_latest_value() -> None:
    facts = indicator_facts(indicator([("2022", "[x]"), ("2023", "[c]")]))
    assert facts.latest is None
    assert facts.change.trend is Trend.NOT_ASSESSED
    # Rows exist, so the page never says there are no figures: it says none is available.
    assert facts.headline == "No figure available for any period"


def test_missing_year_earlier_is_explained_not_zero() -> None:
    facts = indicator_facts(indicator([("2021", 40.0), ("2022", "[x]"), ("2023", 50.0)]))
    assert facts.change.trend is Trend.NOT_ASSESSED
    assert "[x] (not available)" in facts.change.sentence


def test_latest_skips_trailing_gap() -> None:
    facts = indicator_facts(indicator([("2022", 40.0), ("2023", 41.0), ("2024", "[x]")]))
    assert facts.latest is not None and facts.latest.period.text == "2023"
    assert [o.period.text for o in facts.later_gaps] == ["2024"]


def test_series_break_stops_comparison() -> None:
    facts = indicator_facts(
        indicator(
            [("2022", 40.0), ("2023", 60.0)],
            series_breaks=[{"period": "2023", "reason": "new survey"}],
        )
    )
    assert facts.change.trend is Trend.NOT_ASSESSED
    assert "new survey" in facts.change.sentence


# -- milestones --------------------------------------------------------------------------------


def _milestone(ind, **milestone):  # type: ignore[no-untyped-def]
    facts = analyse(dataset(ind, milestone))
    return facts.milestones["test-mission"][0]


MONTHLY = [
    (f"2024-{m:02d}", v)
    for m, v in zip(range(1, 13), [50, 50, 50, 50, 50, 50, 50, 51, 52, 53, 54, 55], strict=True)
]


def test_on_track_when_at_or_ahead_of_trajectory() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=62,
        deadline=dt.date(2025, 6, 30),
        baseline={"value": 50, "period": "2024-06"},
    )
    # 12 points over 12 months: 1 a month; by Dec 2024 the line is at 56; 55 is within 1% (0.5)?
    # No: 55 < 56 - 0.5, so it is behind.
    assert m.status is Progress.OFF_TRACK
    assert m.reason == (
        "To reach 62% by June 2025 from 50% in June 2024 needs about 1.0 percentage points a "
        "month; the latest figure, 55.0% in December 2024, is behind the straight-line "
        "trajectory, which reaches 56.0% by then."
    )
    on = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=56,
        deadline=dt.date(2025, 6, 30),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert on.status is Progress.ON_TRACK


def test_achieved_when_target_met_before_deadline() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=54,
        deadline=dt.date(2026, 3, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.ACHIEVED
    assert "already meets the target" in m.reason


def test_target_already_met_at_baseline() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=50,
        deadline=dt.date(2026, 3, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.ACHIEVED


def test_deadline_passed_and_missed() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=80,
        deadline=dt.date(2024, 10, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.OFF_TRACK
    assert "does not meet the target" in m.reason


def test_deadline_passed_and_met() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=53,
        deadline=dt.date(2024, 10, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.ACHIEVED


def test_latest_predates_baseline() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=92,
        deadline=dt.date(2029, 3, 31),
        baseline={"value": 58.8, "period": "2025-07"},
    )
    assert m.status is Progress.NOT_ASSESSED
    assert m.reason.endswith("predates the baseline, so progress is not assessed.")
    assert m.reason.startswith("To reach 92% by March 2029 from 58.8% in July 2025 needs about")


def test_latest_is_the_baseline_period() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=92,
        deadline=dt.date(2029, 3, 31),
        baseline={"value": 55, "period": "2024-12"},
    )
    assert m.status is Progress.NOT_ASSESSED
    assert "is for the baseline period itself" in m.reason


def test_no_numeric_target() -> None:
    m = _milestone(indicator(MONTHLY, period_type="month"))
    assert m.status is Progress.NOT_ASSESSED
    assert m.reason == "This milestone has no numeric target, so progress is not assessed."


def test_proxy_series_is_not_assessed() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=60,
        indicator_is_proxy=True,
        deadline=dt.date(2029, 3, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.NOT_ASSESSED
    assert "only approximates the official measure" in m.reason


def test_cumulative_target_is_not_assessed() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"),
        target=60,
        target_kind="cumulative",
        deadline=dt.date(2029, 3, 31),
        baseline={"value": 50, "period": "2024-06"},
    )
    assert m.status is Progress.NOT_ASSESSED
    assert "cumulative total" in m.reason


def test_no_baseline_is_not_assessed() -> None:
    m = _milestone(
        indicator(MONTHLY, period_type="month"), target=60, deadline=dt.date(2029, 3, 31)
    )
    assert m.status is Progress.NOT_ASSESSED
    assert "No baseline figure has been published" in m.reason


def test_lower_is_better_target_trajectory() -> None:
    rows = [("2020", 100.0), ("2021", 95.0), ("2022", 90.0)]
    m = _milestone(
        indicator(rows, unit="count", direction="lower_is_better"),
        target=80,
        deadline=dt.date(2024, 12, 31),
        baseline={"value": 100, "period": "2020"},
    )
    # Trajectory: 100 -> 80 over 4 years; in 2022 it is at 90. 90 is on it.
    assert m.status is Progress.ON_TRACK
    assert m.expected == 90


def test_all_gaps_with_target() -> None:
    m = _milestone(
        indicator([("2024", "[x]")]),
        target=60,
        deadline=dt.date(2029, 3, 31),
        baseline={"value": 50, "period": "2023"},
    )
    assert m.status is Progress.NOT_ASSESSED
    assert "no figures are published yet" in m.reason
