"""leaklint: find memory-leak patterns in JavaScript and TypeScript before they reach production."""

__version__ = "0.1.0"
