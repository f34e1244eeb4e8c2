"""Evaluation against gold files."""
