def batch_panel_html(request, firm):
    return ""
