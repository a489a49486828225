"""Tests of chanjiao_utils.loading, one module per module of the package."""
