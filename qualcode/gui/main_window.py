"""The main window: navigator, the document (or survey) page, code tree, segments.

The window only assembles: panels are widgets with ``bind(session)``, menus
come from :mod:`qualcode.gui.menus`, actions from
:class:`~qualcode.gui.workbench_actions.WorkbenchActions`.  Another part of
the interface adds a panel with :meth:`MainWindow.add_panel` and a menu entry
with :meth:`MainWindow.menu`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from qualcode.core.model import DocumentKind
from qualcode.core.project import Project
from qualcode.gui.coding_actions import CodingActions
from qualcode.gui.margin_actions import wire_margins
from qualcode.gui.menus import MENU_ORDER, install_menus
from qualcode.gui.project_lock import ProjectLock, take
from qualcode.gui.resume import remember_place
from qualcode.gui.screen_fit import available_geometry, fit_to_screen
from qualcode.gui.session import Session, SpanTarget
from qualcode.gui.settings import GuiSettings
from qualcode.gui.welcome.page import WelcomePage
from qualcode.gui.widgets.code_tree_panel import CodeTreePanel
from qualcode.gui.widgets.document.page import DocumentPage
from qualcode.gui.widgets.document.view import DocumentView
from qualcode.gui.widgets.drop_coding import wire_code_drops
from qualcode.gui.widgets.navigator import DocumentNavigator
from qualcode.gui.widgets.segment_browser import SegmentBrowser
from qualcode.gui.widgets.survey_view import SurveyView
from qualcode.gui.workbench_actions import WorkbenchActions
from qualcode.gui.workers import running_workers, stop_running_work


class MainWindow(QMainWindow):
    projectClosing = Signal()  # before the open project closes: windows of its own save and go

    def __init__(self, project: Project | None = None, settings: GuiSettings | None = None,
                 ask_coder: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.settings = settings or GuiSettings()
        self.session: Session | None = None
        self._window_lock: ProjectLock | None = None  # held while a project is open here
        self.coding: CodingActions | None = None
        self._ask_coder = ask_coder
        self._menus: dict[str, QMenu] = {}
        self.panels: dict[str, QDockWidget] = {}
        fit_to_screen(self, 1400, 860)  # a 1280×720 laptop gets a window it can show whole
        self.welcome = WelcomePage(self)  # samples, new, open, import, recent projects; the empty project's hints
        self.document_page = DocumentPage(self)
        self.survey_view = SurveyView(self)
        self.stack = QStackedWidget(self)
        for page in (self.welcome, self.document_page, self.survey_view):
            self.stack.addWidget(page)
        # Above the pages: says so when the project cannot be written (read-only file, folder or drive).
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("read-only-banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setAutoFillBackground(True)  # the tooltip colours: a notice, light or dark
        self.read_only_banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.read_only_banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.read_only_banner.setContentsMargins(10, 6, 10, 6)
        self.read_only_banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.stack)
        self.setCentralWidget(central)
        self.navigator = DocumentNavigator(self)
        self.code_panel = CodeTreePanel(self)
        self.segment_browser = SegmentBrowser(self)
        self.add_panel("documents", "Documents", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_panel("codes", "Codes", self.code_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.add_panel("segments", "Segments", self.segment_browser, Qt.DockWidgetArea.RightDockWidgetArea)
        # Below 1600 px the panels give the transcript room for its lines (the code tree keeps 220 px).
        side = [180, 360] if available_geometry(self).width() >= 1600 else [165, 300]
        self.resizeDocks([self.panels["documents"], self.panels["codes"]], side, Qt.Orientation.Horizontal)
        self.resizeDocks([self.panels["codes"], self.panels["segments"]], [520, 300], Qt.Orientation.Vertical)
        self._default_state = self.saveState()
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.actions = WorkbenchActions(self)
        install_menus(self)
        self._wire()
        self._restore_layout()
        self.setWindowTitle("qualcode")
        self._welcome_hid: list[QDockWidget] = []  # panels put away while no project is open
        if project is not None:
            self.set_project(project)
        else:
            self._show_panels(False)

    # -- extension points ----------------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """The top-level menu ``name`` (without accelerator), created in its place on first use."""
        if name not in self._menus:
            menu = QMenu(f"&{name}", self)
            menu.setObjectName(f"menu-{name.lower()}")
            rank = MENU_ORDER.index(name) if name in MENU_ORDER else len(MENU_ORDER) - 1
            later = [m for n, m in self._menus.items()
                     if (MENU_ORDER.index(n) if n in MENU_ORDER else len(MENU_ORDER) - 1) > rank]
            before = min(later, key=lambda m: self.menuBar().actions().index(m.menuAction()), default=None)
            if before is not None:
                self.menuBar().insertMenu(before.menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add_panel(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dockable panel whose place is remembered with the window layout."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.panels[key] = dock
        return dock

    # -- wiring ------------------------------------------------------------------------
    def _wire(self) -> None:
        self.navigator.documentChosen.connect(self.open_document)
        self.navigator.questionChosen.connect(self.open_question)
        self.navigator.participantSegmentsRequested.connect(self._participant_segments)
        self.code_panel.codeSelected.connect(self._on_code_selected)
        self.code_panel.segmentsRequested.connect(self._show_segments)
        self.code_panel.detailsRequested.connect(self.actions.open_code_details)
        self.code_panel.mergeRequested.connect(self.actions.open_merge)
        self.document_page.recent.codeChosen.connect(lambda cid: self.coding and self.coding.apply_code(cid))
        wire_margins(self)
        wire_code_drops(self)  # a code dragged from the tree onto the text or an answer codes it
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.document_page.view)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the text has focus
        escape.activated.connect(self.show_all_codes)

    # -- the project --------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        if self.session is not None:
            self.close_project()
        session = self.session = Session(project, self.settings, self)
        self._show_panels(True)
        self.coding = CodingActions(session)
        session.selection_provider = self._selection
        session.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        session.undoChanged.connect(self.actions.update_undo)
        session.countsStale.connect(self._update_status)
        session.coderFilterChanged.connect(self._update_status)
        session.jumpRequested.connect(self.jump_to)
        session.refreshed.connect(self._show_again)
        self.navigator.bind(session)
        self.code_panel.bind(session, self.coding)
        self.segment_browser.bind(session)
        self.document_page.bind(session, self.actions.build_document_menu)
        self.survey_view.bind(session, self.coding)
        self.actions.set_enabled(True)
        self.setWindowTitle(f"{project.name} — qualcode")
        self._lock_project(project)
        if "://" not in project.location:
            self.settings.add_recent_project(project.location)
        if project.read_only is not None:
            self.read_only_banner.setText(
                f"Read-only: {project.read_only}. You can read, search and export; changes are refused. "
                "To work on it, copy the project somewhere you can write.")
        self.read_only_banner.setVisible(project.read_only is not None)
        name = self.settings.coder_name
        if project.read_only is not None:
            pass  # the coder is recorded with each change, and none can be made
        elif name:
            project.set_coder(name)
        elif self._ask_coder:
            QTimer.singleShot(0, self.actions.ask_coder)
        self.welcome.show_project(project.name)
        self.stack.setCurrentWidget(self.welcome)
        self._update_status()

    def close_project(self) -> None:
        """Stop the work still running on the project, then close it (File → Close, Open, Quit)."""
        if self.session is None:
            return
        self.projectClosing.emit()
        self.stop_running_work()
        self._save_layout()
        remember_place(self)  # for File → Open recent and the next launch (qualcode.gui.resume)
        self.navigator.unbind()
        self.code_panel.unbind()
        self.segment_browser.unbind()
        self.document_page.unbind()
        self.survey_view.unbind()
        self.session.close()
        self.session.project.close()
        if self._window_lock is not None:
            self._window_lock.release()
            self._window_lock = None
        self.session.deleteLater()
        self.session = self.coding = None
        self.read_only_banner.hide()
        self.actions.set_enabled(False)
        self._show_panels(False)
        self.welcome.show_project(None)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("qualcode")
        self.status_counts.clear()

    def _lock_project(self, project: Project) -> None:
        """Hold the project's window lock; warn (without blocking) when another window has it open."""
        self._window_lock, holder = take(project.location)
        if holder is None:
            return
        from PySide6.QtWidgets import QMessageBox

        text = (f"{project.name} is already open in another window ({holder}). Both windows show each "
                "other's changes within a few seconds, but it is easy to lose track of which is which; "
                "close one of them unless you meant this.")
        self.statusBar().showMessage(f"Also open in another window ({holder})", 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Project already open", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("already-open-warning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal but not blocking: the project is open here too

    def _show_again(self) -> None:
        """Another program changed the project: the shown document or question is read again."""
        from qualcode.core.errors import NotFound

        page, survey = self.document_page, self.survey_view
        if page.document_id is not None:
            scroll = page.view.verticalScrollBar().value()
            try:
                page.open_document(page.document_id)
            except NotFound:  # removed by the other program
                page.view.clear_document()
                page.header.clear()
                self.stack.setCurrentWidget(self.welcome)
            else:
                page.view.verticalScrollBar().setValue(scroll)
        if survey.model is not None and survey.model.question_id is not None:
            survey.show_question(survey.model.question_id)

    def stop_running_work(self) -> None:
        """Cancel background work and wait for it (at most 10 s), so none writes into a closed project."""
        if not running_workers():
            return
        self.statusBar().showMessage("Stopping…")
        if not stop_running_work():
            self.statusBar().showMessage("Some work did not stop in time; closing anyway (see the log)", 6000)
        else:
            self.statusBar().clearMessage()

    def set_coder(self, name: str) -> None:
        """Record who codes from now on (kept in the settings for every project)."""
        if self.session is None:
            return
        self.session.project.set_coder(name)
        self.settings.coder_name = name
        self.session.set_coder_filter(self.session.coder_filter)  # blind coding follows the coder
        self.session.message.emit(f"Coding as {name}")
        self._update_status()

    # -- what is shown --------------------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        assert self.session is not None
        doc = self.session.project.documents.get(document_id)
        if doc.kind == DocumentKind.ANSWER and doc.question_id is not None:
            self.open_question(doc.question_id)
            row = self._survey_row(document_id)
            if row is not None:
                self.survey_view.go_to(row)
            return
        if self.document_page.document_id != document_id:
            self.document_page.open_document(document_id)
        self.show_document_page()
        self.navigator.mark_document(document_id)

    def open_question(self, question_id: int) -> None:
        assert self.session is not None
        self.stack.setCurrentWidget(self.survey_view)  # first: a table made visible later fetches too eagerly
        if self.survey_view.model is None or self.survey_view.model.question_id != question_id:
            self.survey_view.show_question(question_id)
        self.navigator.mark_question(question_id)

    def _survey_row(self, document_id: int) -> int | None:
        model = self.survey_view.model
        while model is not None and model.row_of(document_id) is None and model.canFetchMore():
            model.fetchMore()
        return model.row_of(document_id) if model else None

    def show_document_page(self) -> None:
        self.stack.setCurrentWidget(self.document_page)

    def jump_to(self, document_id: int, start: int, end: int) -> None:
        self.open_document(document_id)
        self.active_document_view().select_span(start, end)

    def active_document_view(self) -> DocumentView:
        if self.stack.currentWidget() is self.survey_view:
            return self.survey_view.answer_view
        return self.document_page.view

    def _selection(self) -> SpanTarget | None:
        if self.stack.currentWidget() is self.survey_view:
            return self.survey_view.selection()
        if self.stack.currentWidget() is self.document_page:
            return self.document_page.selection()
        return None

    def show_all_codes(self) -> None:
        self.code_panel.select_code(None)
        self.document_page.set_visible_codes(None)
        self.survey_view.answer_view.set_visible_codes(None)

    def with_selected_code(self, fn: Callable[[int], object]) -> None:
        code = self.code_panel.selected_code()
        if code is not None:
            fn(code.id)
        elif self.session:
            self.session.message.emit("Select a code in the code tree first")

    def _on_code_selected(self, code_id: object) -> None:
        if self.session is None:
            return
        if code_id is None:
            self.document_page.set_visible_codes(None)
            self.survey_view.answer_view.set_visible_codes(None)
            return
        shown = set(self.session.project.codes.descendants(int(code_id)))  # type: ignore[arg-type]
        self.document_page.set_visible_codes(shown)
        self.survey_view.answer_view.set_visible_codes(shown)
        self._show_segments(int(code_id))  # type: ignore[arg-type]

    def _show_segments(self, code_id: int) -> None:
        self.segment_browser.show_code(code_id)

    def _participant_segments(self, pseudonym: str) -> None:
        self.panels["segments"].show()
        self.panels["segments"].raise_()
        self.segment_browser.show_participant(pseudonym)

    # -- status and layout ---------------------------------------------------------------
    def _update_status(self) -> None:
        if self.session is None:
            return
        c = self.session.project.queries.counts()
        who = self.session.project.coder_name
        shown = "" if self.session.coder_filter is None else f" · showing {', '.join(self.session.coder_filter)}"
        self.status_counts.setText(f"{c['documents']} documents · {c['participants']} participants · "
                                   f"{c['codes']} codes · {c['codings']} codings · coder: {who}{shown}")

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        columns = self.settings.layout_state("ipa_columns")
        if columns is not None:
            self.document_page.restore_columns(columns)

    def _show_panels(self, shown: bool) -> None:
        """With no project the welcome page takes the window; the panels that were open return with a project."""
        if shown:
            for dock in self._welcome_hid:
                dock.show()
            self._welcome_hid = []
            return
        self._welcome_hid += [d for d in self.panels.values() if not d.isHidden() and d not in self._welcome_hid]
        for dock in self._welcome_hid:
            dock.hide()

    def _save_layout(self) -> None:
        if self.session is None:
            return  # the panels are put away for the welcome page: the project's layout was kept on closing
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.set_layout_state("ipa_columns", self.document_page.splitter.saveState())
        self.settings.sync()

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in self.panels.values():
            dock.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.close_project()
        super().closeEvent(event)
