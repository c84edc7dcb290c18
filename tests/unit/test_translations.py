from tests.translatable import chinese_translations, translatable_strings, untranslated_literals


def test_every_string_the_app_shows_has_a_chinese_translation():
	translations = chinese_translations()
	missing = {
		text: sorted(paths) for text, paths in translatable_strings().items() if not translations.get(text)
	}
	assert not missing, f"{len(missing)} strings without Chinese: {missing}"


def test_labels_are_translatable_where_they_are_written():
	"""A label the extractor cannot see (a bare literal) would reach a zh user in English."""
	assert not untranslated_literals()


def test_the_extractor_reads_every_kind_of_file_a_user_sees():
	"""Workspace headers and cards, chart names, print formats, notification subjects and report filter
	options are found, so the test above covers them."""
	found = translatable_strings()
	assert "Satisfaction This Month" in found  # a number card
	assert "Unresolved Complaints by Status" in found  # a chart and its source
	assert "Handling Notice Form" in found  # a print format's name, in the format picker
	assert "First Half of This Year" in found  # a report filter's option
	assert any(
		path.endswith("complaint_accepted.json") for path in found.get("Your complaint {0} is accepted", ())
	)


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
