"""Prompt templates, shipped as package data (see assistant/answers/prompts.py)."""
