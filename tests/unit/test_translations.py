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


def test_help_texts_speak_to_staff_not_in_rule_ids():
	"""DOMAIN.md's rule ids (IN-3, ES-3…) are for the code and tests; a help text says what it means."""
	import json
	import re
	from pathlib import Path

	rule_id = re.compile(r"\b(?:IN|HN|ES|WO|RV|SV|RC|RE|PT)-\d+\b")
	app = Path(__file__).resolve().parents[2] / "property_service"
	found = [
		(path.name, holder.get("fieldname") or "(doctype)")
		for path in app.glob("property_service/doctype/*/*.json")
		for holder in [json.loads(path.read_text()), *json.loads(path.read_text()).get("fields", [])]
		if rule_id.search(holder.get("description") or "")
	]
	assert not found
