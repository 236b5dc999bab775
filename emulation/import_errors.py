"""The errors an import raises when it cannot read a file or go on, below every import module (imports,
resources, value_mappings import it; emulation.imports re-exports it for the callers)."""


class ImportFileError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
