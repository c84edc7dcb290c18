// The print page's format picker holds the print format's name, which Frappe reads back as it stands
// (a translation in its place would not be found), so the name in the user's language is shown under it.
(() => {
	const PrintView = frappe.ui.form.PrintView;
	if (!PrintView || PrintView.prototype.ps_shows_format_name) return;
	const preview = PrintView.prototype.preview;
	PrintView.prototype.preview = function (...args) {
		const control = this.print_format_selector && this.print_format_selector.closest(".frappe-control");
		if (control && control.length) {
			// the control's own description line, under the input
			const name = this.selected_format();
			const translated = __(name);
			control.find(".help-box").first().text(translated !== name ? translated : "");
		}
		return preview.apply(this, args);
	};
	PrintView.prototype.ps_shows_format_name = true;
})();
