from tests.translatable import chinese_translations, translatable_strings


def test_every_string_the_app_shows_has_a_chinese_translation():
	translations = chinese_translations()
	missing = {
		text: sorted(paths) for text, paths in translatable_strings().items() if not translations.get(text)
	}
	assert not missing, f"{len(missing)} strings without Chinese: {missing}"


def test_translations_keep_placeholders():
	for source, translation in chinese_translations().items():
		for placeholder in ("{0}", "{1}", "{2}", "{3}"):
			assert (placeholder in source) == (placeholder in translation), source
