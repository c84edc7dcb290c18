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


def test_frappe_own_words_keep_frappe_translations():
	# an app's translation of a word replaces Frappe's everywhere on the site (ToDo's "Open", ...)
	generic = {"Open", "Closed", "Scheduled", "Received", "Method", "Orders", "Pending", "Draft", "Cancelled"}
	overridden = generic & set(chinese_translations())
	assert overridden <= {"Closed"}, overridden  # a complaint's "Closed" is Frappe's 已关闭 too
