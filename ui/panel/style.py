"""Panel mode's look, scaled from one text size (the font-size control): a widget's own style
sheet wins over the application's, so every size in panel mode follows it."""

from __future__ import annotations


def panel_style(point_size: int) -> str:
    def pt(scale: float) -> str:
        return f"{point_size * scale:.1f}pt"

    return f"""
#PanelMode QWidget {{ font-size: {pt(1)}; }}
#PanelMode {{ background: #F7F8FA; }}
QLabel#panelTitle {{ font-size: {pt(1.1)}; font-weight: 600; color: #1F2A44; }}
QLabel#panelHeading {{ font-size: {pt(1.5)}; font-weight: 600; color: #1F2A44; }}
QLabel#panelSubheading {{ font-weight: 600; color: #1F2A44; padding-top: 4px; }}
QLabel#panelCase {{ font-size: {pt(1.7)}; font-weight: 700; color: #1F2A44; }}
QLabel#panelStep {{ font-size: {pt(1.15)}; color: #2B5797; font-weight: 600; }}
QLabel#panelQuiet {{ color: #4A5568; }}
QLabel#escalationBanner {{ background: #FFF4DB; color: #5C3A00; padding: 6px;
    border-left: 4px solid #C77700; }}
QLabel#notSmartHeading {{ font-weight: 600; color: #7A4F01; padding-top: 4px; }}
QLabel#notSmart {{ color: #5C3A00; }}
QLabel#familyView {{ font-style: italic; }}
QLabel#fieldError {{ color: #A12622; }}
QPushButton#panelPrimary {{ font-weight: 600; padding: 4px 14px; }}
QPushButton#panelTab {{ padding: 4px 14px; border: 1px solid #C5CDD8; border-radius: 3px;
    background: #FFFFFF; color: #1F2A44; }}
QPushButton#panelTab:checked {{ background: #DCE6F5; border-color: #2B5797; }}
QLineEdit#captureEdit {{ font-size: {pt(1.15)}; padding: 4px; }}
QFrame#stepContent {{ border: 1px solid #E1E5EB; background: #FFFFFF; }}
QFrame#stepContent QCheckBox, QFrame#stepContent QLabel {{ background: transparent; }}
QTextBrowser#stepPage, QScrollArea#conclusionArea, QWidget#conclusionForm {{
    background: #FFFFFF; border: none; }}
QFrame#helpCard {{ background: #FFFFFF; border-radius: 8px; }}
QFrame#actionPrompt {{ background: #FFF9EC; border: 1px solid #E5C07B; border-radius: 6px; }}
QFrame#actionPrompt QLabel {{ background: transparent; }}
"""
