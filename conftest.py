"""Root conftest: makes pytest put the repository root on sys.path so ``geo`` imports in tests."""
