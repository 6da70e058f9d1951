"""Who said it: speakers and roles of the seed articles' units, and the Indonesian constructions one by one."""

from __future__ import annotations

import pytest

from assistant.documents.attribution import attribute, split_role_name
from assistant.documents.chunking import sentences
from assistant.documents.units import embedding_text, make_units, people


@pytest.fixture(scope="module")
def seed_units(seed_documents):
    return [u for doc in seed_documents.values() for u in make_units(doc)]


def unit_with(units, fragment: str):
    [unit] = [u for u in units if fragment in u.text]
    return unit


def speakers(text: str) -> list[str]:
    """The speaker of each sentence of `text` ("" for none)."""
    found, _ = attribute(text, sentences(text))
    return [p.name if p else "" for p in found]


def test_hoax_sentence_is_heni_yuwonos(seed_units):
    unit = unit_with(seed_units, "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran.")
    assert (unit.speaker, unit.role) == ("Heni Yuwono", "Kakanwil Kemenkumham Jatim")


def test_tegasnya_is_hendro_tri_prasetyo(seed_units):
    unit = unit_with(seed_units, "tegasnya")
    assert (unit.speaker, unit.role) == ("Hendro Tri Prasetyo", "Kadiv Keimigrasian")


def test_terang_arief_is_arief_rahman(seed_units):
    assert unit_with(seed_units, "terang Arief").speaker == "Arief Rahman"


def test_harap_ishadi_is_ishadi_mp(seed_units):
    assert unit_with(seed_units, "harap Ishadi").speaker == "Ishadi MP"


def test_zakarias_quote_is_zakarias(seed_units):
    assert unit_with(seed_units, "ujar Zakaria").speaker == "Zakaria"


def test_speaker_known_only_by_role_is_named_by_that_role(seed_units):
    unit = unit_with(seed_units, "selalu selangkah lebih maju dalam manajemen kehumasan")
    assert unit.speaker == "Kepala Biro Humas, Hukum dan Kerjasama"


def test_technical_session_speakers_are_named_but_do_not_speak(seed_units):
    unit = unit_with(seed_units, "Danny Keegan")
    assert "Galih WP" in unit.text and "Nerry Supanji" in unit.text
    assert unit.speaker == ""


def test_person_represented_by_the_speaker_is_known_but_never_speaks(article_2022, seed_units):
    assert "Zaeroji" in [p.name for p in people(article_2022)]
    assert "Zaeroji" not in {u.speaker for u in seed_units}


def test_people_carry_their_roles(article_2022):
    roles = {p.name: p.role for p in people(article_2022)}
    assert roles["Zakaria"] == "Subkor Hubungan Pers dan Media Massa"
    assert roles["Danny Keegan"] == "Spv Produksi Konten Kanwil Kemenkumham Jatim"


def test_embedding_text_prefixes_the_speaker(seed_units):
    unit = unit_with(seed_units, "tegasnya")
    assert embedding_text(unit) == f"Hendro Tri Prasetyo, Kadiv Keimigrasian: {unit.text}"


def test_ujarnya_attributes_to_last_named_speaker():
    text = "“Kami siap,” ujar Budi Santoso. “Kami juga,” kata Siti Aminah. “Semua harus hadir,” ujarnya."
    assert speakers(text) == ["Budi Santoso", "Siti Aminah", "Siti Aminah"]


def test_menurutnya_attributes_to_the_person_just_named():
    text = ("Siti Aminah mengatakan bahwa acara lancar. Budi Santoso menjelaskan bahwa semua hadir. "
            "Menurutnya, peserta sangat antusias.")
    assert speakers(text)[-1] == "Budi Santoso"


def test_short_name_resolves_to_the_full_name_introduced_earlier():
    text = ("Kadiv Keimigrasian Hendro Tri Prasetyo mengatakan bahwa acara penting. "
            "Jika humas berkarakter, lanjut Hendro, pemerintah dicintai.")
    assert speakers(text) == ["Hendro Tri Prasetyo", "Hendro Tri Prasetyo"]


def test_menurut_with_a_short_name_resolves_to_the_full_name():
    text = "“Kami siap,” ujar Kakanwil Kemenkumham Jatim, Heni Yuwono. Menurut Heni, humas harus aktif."
    assert speakers(text) == ["Heni Yuwono", "Heni Yuwono"]


def test_inserted_attribution_names_the_speaker():
    text = "Siti Aminah hadir. Jika humas berkarakter, lanjut Hendro, pemerintah dicintai."
    assert speakers(text) == ["", "Hendro"]


def test_pronoun_subject_refers_to_the_last_speaker():
    text = "Narasumbernya adalah Zakaria selaku Subkor Humas. Dia menjelaskan strategi media."
    assert speakers(text)[-1] == "Zakaria"


def test_nya_form_with_nobody_named_has_no_speaker():
    assert speakers("“Semua harus hadir,” ujarnya.") == [""]


def test_plain_narration_has_no_speaker():
    assert speakers("Peserta sangat antusias mengikuti sesi praktikal ini.") == [""]


def test_role_before_a_comma_and_name_splits_into_role_and_name():
    assert split_role_name("Kakanwil Kemenkumham Jatim, Heni Yuwono") == ("Heni Yuwono", "Kakanwil Kemenkumham Jatim")


def test_role_directly_before_a_name_splits_into_role_and_name():
    assert split_role_name("Kadiv Keimigrasian Hendro Tri Prasetyo") == ("Hendro Tri Prasetyo", "Kadiv Keimigrasian")


def test_role_without_a_name_is_a_role_alone():
    assert split_role_name("Kepala Biro Humas, Hukum dan Kerjasama") == ("", "Kepala Biro Humas, Hukum dan Kerjasama")


def test_unattributed_sentence_takes_its_paragraphs_speaker():
    text = "Pada masa kini, lanjut Heni, reputasi penting. Mengingat, hoax menyebar cepat. Itu saja. Tambahan."
    from assistant.schema import Document

    units = make_units(Document("d.txt", text), max_sentences=1)
    assert [u.speaker for u in units] == ["Heni"] * 4


def test_committee_chair_role_is_not_part_of_the_name():
    assert split_role_name("Ketua Panitia Budi Santoso") == ("Budi Santoso", "Ketua Panitia")


def test_a_paragraph_that_finishes_the_previous_ones_sentence_is_its_speakers():
    from assistant.schema import Document

    text = ("Untuk itu, Heni berharap kegiatan ini memberi pemahaman.\n\n"
            "Sehingga, kerja-kerja humas tersampaikan ke masyarakat.\n\nPeserta sangat antusias.")
    units = make_units(Document("d.txt", text))
    assert [u.speaker for u in units] == ["Heni", "Heni", ""]


def test_the_seed_sentence_on_public_participation_is_heni_yuwonos(seed_units):
    unit = unit_with(seed_units, "mendorong partisipasi aktif masyarakat")
    assert unit.speaker == "Heni Yuwono"
