"""Khao's command line and scheduler: the thin top floor over crawlers, search_api and indexer."""
