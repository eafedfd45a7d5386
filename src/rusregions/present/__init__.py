"""Presentation: one way to write numbers, quantities, periods and labels, and one way to show a figure.

`format` turns data values into text for tables and sentences; `figures` draws the recurring chart kinds in the
house style and shows each as a numbered book figure with its data as a CSV download.
"""
from .format import UNIT_TEXT, count_word, country, listing, money, num, pretty, quantity, when

__all__ = ["UNIT_TEXT", "count_word", "country", "listing", "money", "num", "pretty", "quantity", "when"]
