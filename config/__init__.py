"""Settings, sources and user-facing errors: the floor every other package imports."""

from config.errors import BackendUnavailable, ConfigError, InputError, KhaoError
from config.settings import SETTINGS, Setting, Settings, load_settings
from config.sources import Source

__all__ = [
    "SETTINGS",
    "BackendUnavailable",
    "ConfigError",
    "InputError",
    "KhaoError",
    "Setting",
    "Settings",
    "Source",
    "load_settings",
]
