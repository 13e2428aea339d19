"""The CPD model (placeholder while building)."""
__all__ = []
