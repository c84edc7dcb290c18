import frappe

from tests.translatable import chinese_translations, translatable_strings


def test_a_chinese_user_sees_every_string_of_the_app_in_chinese():
	frappe.clear_cache()
	ours = chinese_translations()
	served = frappe.translate.get_all_translations("zh")
	wrong = {text: served.get(text) for text in translatable_strings() if served.get(text) != ours[text]}
	assert not wrong


def test_messages_translate_with_their_values():
	message = frappe._("Accept complaint {0} before issuing a handling notice.", lang="zh").format(
		"CMP-2026-00001"
	)
	assert "CMP-2026-00001" in message and "受理" in message
	assert frappe._("Escalated to Manager", lang="zh") != "Escalated to Manager"
