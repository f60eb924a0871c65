"""The technician's tools: connections, message log, configuration, commands, transfers."""
