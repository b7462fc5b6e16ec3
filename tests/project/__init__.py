"""The repository itself: its own portal, the lock files, the publishing workflow."""
