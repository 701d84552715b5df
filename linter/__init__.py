"""azlint: lint Azure infrastructure-as-code against the operational security best practices."""

__version__ = "0.1.0"
