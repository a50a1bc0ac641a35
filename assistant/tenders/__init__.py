"""Evaluating competing bids: award criteria, suggested scores with cited reasons, commissioners'
overrides and notes, clarification questions, proxy values and the exports a moderation needs.

A tender's bids are the tender responses ingested with ``--tender ID``; their bidders are the
suppliers of those responses. Everything here reads the register with audience "all": scores and
notes are for commissioners only, and nothing here is reachable from the resident app.
"""
