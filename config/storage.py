"""Static files storage for production: hashed names and compressed copies (WhiteNoise)."""
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage, leaving `sourceMappingURL` comments alone.

    Vendored bundles (Bootstrap) end with a `sourceMappingURL` comment naming a map we do not ship;
    Django's storage would fail `collectstatic` on it. Source maps are a development aid, so their
    references are not rewritten; every `url()` and `@import` still is, and a missing one still fails.
    """

    patterns = tuple(
        (glob, tuple(p for p in group if "sourceMappingURL" not in (p[0] if isinstance(p, tuple) else p)))
        for glob, group in CompressedManifestStaticFilesStorage.patterns
    )
