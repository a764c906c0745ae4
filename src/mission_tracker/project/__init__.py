"""A new project: `mission-tracker init DIR` writes what another organisation needs to start its
own tracker (configuration, a data skeleton that passes `check`, its own pages, the GitHub
workflows and pinned requirements); the site itself comes from the package."""
