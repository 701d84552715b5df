"""Tests for the ARM template expression language."""
