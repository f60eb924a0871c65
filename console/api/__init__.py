"""The local HTTP API: the same service operations as the console, for scripts and desks.

A layer beside ``ui``: it imports services and core only, never Qt. The server runs on
the engine's asyncio loop (aiohttp); reads go to worker threads through the site's read
connections, changes go to the same service operations the console calls, with an
``Actor`` whose origin is the API.
"""
