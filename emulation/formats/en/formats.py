# English pages keep the Vietnamese date and number formats: the documents and the people are the same.
from emulation.formats.vi.formats import *  # noqa: F401,F403
