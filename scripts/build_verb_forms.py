"""Write the inflected forms of the speech-verb lexicon to src/newsprism/lang/de/speech_verb_forms.txt.

    python scripts/build_verb_forms.py

The forms come from simplemma's German dictionary (MIT licence): every word form whose lemma is a verb of
``speech_verbs.txt`` or the base of one of its separable verbs. newsprism then knows "sagte", "hinzugefügt" or
"wies" as speech verbs without lemmatising every word of every article. Run it again after editing the lexicon.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # noqa: E402

from newsprism.lang.de import lexicon as lx  # noqa: E402

OUT = ROOT / "src" / "newsprism" / "lang" / "de" / "speech_verb_forms.txt"


def main() -> None:
    lemmas = set(lx.speech_verbs()) | set(lx.verbs_by_base())
    dictionary = DefaultDictionaryFactory().get_dictionary("de")
    forms = sorted((form, lemma) for form, lemma in dictionary.items() if lemma in lemmas and form != lemma)
    header = (
        "# Inflected forms of the speech verbs (FORM LEMMA), derived from simplemma's German dictionary (MIT licence,\n"
        "# https://github.com/adbar/simplemma) by scripts/build_verb_forms.py; a lemma is its own form.\n"
    )
    OUT.write_text(header + "".join(f"{f} {lemma}\n" for f, lemma in forms), encoding="utf-8")
    print(f"{len(forms)} forms of {len(lemmas)} verbs → {OUT}")


if __name__ == "__main__":
    main()
