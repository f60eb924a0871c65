"""Pure domain: dataclasses, enums, events, site state. No I/O, no Qt."""
