"""Importers: other publishers' data formats -> Mission Tracker data files.

An importer reads a folder in another format and returns the files of a Mission Tracker
project (missions and indicators), with a report that accounts for every row and field it read.
It sits beside `check`: it uses the model to build the files and the reader to verify them.
"""
