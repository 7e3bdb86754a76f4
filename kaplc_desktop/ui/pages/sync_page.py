"""The Sync page. A school makes bundles for the district and takes its feedback; a district checks and
applies the bundles of its schools and sends feedback back. Every long step runs with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...domain import buddhist_date
from ...errors import KaplcError
from ...i18n import _, ngettext
from ...progress import Progress
from ...sync.keys import short_file_fingerprint
from ...sync.labels import bundle_kind_label, counts_text, log_reason_label, result_label
from .. import file_prompts
from ..change_relay import refresh_on
from ..dialogs.import_preview_dialog import ImportPreviewDialog
from ..error_dialog import show_refusal
from ..tasks import run_task
from ..widgets.guide_step import ACTION_NEEDED, DONE, WAITING, GuideStep, explain_disabled
from ..widgets.thai_text import plain_label


class SyncPrompts:
    """File choosers of this page (replaced in tests)."""

    @staticmethod
    def folder(parent: QWidget, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
        return Path(name) if name else None

    @staticmethod
    def bundle_files(parent: QWidget, title: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            parent, title, str(Path.home()), _("KA-PLC bundles (*.kaplc *.kaplc.001)")
        )
        return [Path(n) for n in names]

    @staticmethod
    def open_file(parent: QWidget, title: str, filter_text: str) -> Path | None:
        return file_prompts.ask_open_path(parent, title, filter_text)

    @staticmethod
    def save_file(parent: QWidget, title: str, suggested: str, filter_text: str) -> Path | None:
        return file_prompts.ask_save_path(parent, title, suggested, filter_text)

    confirm = staticmethod(file_prompts.confirm)
    inform = staticmethod(file_prompts.inform)
    ask_text = staticmethod(file_prompts.ask_text)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.ctx = ctx
        info = ctx.workspace.get()
        assert info is not None
        self.info = info
        self.sync = ctx.sync
        self.prompts: Any = SyncPrompts
        layout = QVBoxLayout(self)
        heading = plain_label(
            _("Exchanging data with the district: steps 1 to 3")
            if info.kind == "school"
            else _("Exchanging data with the schools: steps 1 to 3")
        )
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(heading)
        self.details = QTabWidget()
        self.details.setObjectName("syncDetails")
        if info.kind == "school":
            self._school_guide(layout)
            self.outbox_table = _table([_("Bundle"), _("No."), _("Kind"), _("Made"), _("Size"), _("Fingerprint")])
            self.outbox_table.setObjectName("outboxTable")
            resend = QPushButton(_("Copy the selected bundle to…"))
            resend.clicked.connect(self.resend)
            outbox = QWidget()
            inner = QVBoxLayout(outbox)
            inner.addWidget(plain_label(_("The last bundles made, to send again if one is lost:")))
            inner.addWidget(self.outbox_table)
            inner.addWidget(resend)
            self.details.addTab(outbox, _("Bundles sent"))
        else:
            self._district_guide(layout)
            self.log_table = _table([_("File"), _("School"), _("No."), _("Result"), _("When"), _("Reason")])
            self.log_table.setObjectName("importLogTable")
            self.details.addTab(self.log_table, _("Import log"))
        self.details.addTab(self._keys_box(), _("Keys and enrollment"))
        layout.addWidget(self.details, 1)
        # filled when shown, and again after any change while shown (an import, an edit on another page):
        # reading keys and counting records costs time, so a hidden page waits until it is shown
        refresh_on(ctx.db.changes, self, (), self._refresh_if_shown)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    # --- boxes ---------------------------------------------------------------------------------------
    def _keys_box(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.fingerprint = plain_label()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setToolTip(
            _("Read it to the other side by phone when they import your file: it proves the file is yours.")
        )
        self.peers = _table([_("Code"), _("Name"), _("Key fingerprint"), _("State")])
        self.peers.setObjectName("peersTable")
        header = self.peers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        form.addRow(_("This workspace's fingerprint:"), self.fingerprint)
        form.addRow(_("Enrolled:"), self.peers)
        if self.info.kind == "district":  # rare and serious: with the keys, not among the everyday buttons
            form.addRow(self.revoke_button)
        return box

    def _enrollment_buttons(self) -> tuple[QPushButton, QPushButton]:
        export = QPushButton(
            _("Save this school's enrollment file…")
            if self.info.kind == "school"
            else _("Save the district's enrollment file…")
        )
        export.setObjectName("exportEnrollment")
        export.clicked.connect(self.export_enrollment)
        imp = QPushButton(
            _("Import the district's enrollment file…")
            if self.info.kind == "school"
            else _("Import a school's enrollment file…")
        )
        imp.setObjectName("importEnrollment")
        imp.clicked.connect(self.import_enrollment)
        return export, imp

    def _attention(self) -> QPushButton:
        self.attention_button = QPushButton()
        self.attention_button.setObjectName("attentionButton")
        self.attention_button.setToolTip(_("Records changed in two places, and records not taken from a bundle"))
        self.attention_button.clicked.connect(self.show_attention)
        return self.attention_button

    def _school_guide(self, layout: QVBoxLayout) -> None:
        export, self.enroll_import = self._enrollment_buttons()
        self.step1 = GuideStep(
            1,
            _("Get the files from the district"),
            _(
                "The district sends them on a USB stick or by e-mail. The first time it is the district's enrollment "
                "file (.json); after that, its feedback bundles (.kaplc)."
            ),
        )
        self.step1.finish()
        self.step2 = GuideStep(
            2, _("Import them"), _("Import the enrollment file once; then each feedback bundle the district sends.")
        )
        self.step2.add_button(self.enroll_import)
        self.import_button = self.step2.add_button(QPushButton(_("Import a feedback or restore bundle…")))
        self.import_button.setObjectName("importBundles")
        self.import_button.clicked.connect(self.choose_and_import)
        self.step2.finish()
        self.step2.add_widget(self._attention())
        self.step3 = GuideStep(
            3,
            _("Make the bundle for the district on the USB stick"),
            _("It holds what changed since the district's last receipt, locked so only the district can read it."),
        )
        self.scope = QComboBox()
        self.scope.addItem(_("Changes since the district's last receipt"), False)
        self.scope.addItem(_("Everything (full bundle)"), True)
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh_preview())
        self.split = QSpinBox()
        self.split.setRange(0, 10_000)
        self.split.setSpecialValueText(_("one file"))
        self.split.setSuffix(" MB")
        self.split.setToolTip(_("Split into volumes of at most this size (for e-mail); 0 writes one file"))
        self.preview = plain_label()
        self.preview.setObjectName("exportPreview")
        self.preview.setWordWrap(True)
        self.create_button = QPushButton(_("Create bundle…"))
        self.create_button.setObjectName("createBundle")
        self.create_button.setStyleSheet("font-weight: bold;")
        self.create_button.clicked.connect(self.create_bundle)
        self.step3.add_widget(self.scope)
        self.step3.add_widget(plain_label(_("For e-mail, split at:")))
        self.step3.add_widget(self.split)
        self.step3.add_button(self.create_button)
        self.step3.finish()
        export.setToolTip(_("The first time only: the district needs it to read this school's bundles."))
        self.step3.add_button(export)
        self.step3.layout().itemAt(1).layout().insertWidget(3, self.preview)  # under the state line
        for step in (self.step1, self.step2, self.step3):
            layout.addWidget(step)

    def _district_guide(self, layout: QVBoxLayout) -> None:
        export, self.enroll_import = self._enrollment_buttons()
        self.step1 = GuideStep(
            1,
            _("Get the files from the schools"),
            _(
                "Schools send their enrollment file (.json) once, then their bundles (.kaplc), on a USB stick or by "
                "e-mail. Keep them in one folder."
            ),
        )
        self.step1.finish()
        self.step2 = GuideStep(
            2,
            _("Check and import them"),
            _("Each file is checked first; you see what it would change before anything is imported."),
        )
        self.step2.add_button(self.enroll_import)
        self.import_button = self.step2.add_button(QPushButton(_("Check and import bundles…")))
        self.import_button.setObjectName("importBundles")
        self.import_button.clicked.connect(self.choose_and_import)
        self.folder_button = self.step2.add_button(QPushButton(_("Check a whole folder…")))
        self.folder_button.clicked.connect(self.choose_folder_and_import)
        self.step2.finish()
        self.step2.add_widget(self._attention())
        self.step3 = GuideStep(
            3,
            _("Send feedback back to the schools"),
            _("A feedback bundle carries the receipt, the year's settings and your feedback to one school or all."),
        )
        self.school_choice = QComboBox()
        self.school_choice.setMaximumWidth(420)  # long school names are elided, the buttons stay on screen
        self.school_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.school_choice.setMinimumContentsLength(30)
        self.school_choice.setObjectName("schoolChoice")
        self.feedback_button = QPushButton(_("Feedback for this school…"))
        self.feedback_button.clicked.connect(self.feedback_one)
        self.feedback_all_button = QPushButton(_("Feedback for all schools…"))
        self.feedback_all_button.clicked.connect(self.feedback_all)
        self.restore_button = QPushButton(_("Restore bundle for this school…"))
        self.restore_button.clicked.connect(self.restore_one)
        self.revoke_button = QPushButton(_("Revoke the key of the school chosen in the list…"))
        self.revoke_button.setObjectName("revokeButton")
        self.revoke_button.clicked.connect(self.revoke_key)
        self.step3.add_widget(self.school_choice)
        for button in (self.feedback_button, self.feedback_all_button, self.restore_button):
            self.step3.add_button(button)
        self.step3.finish()
        export.setToolTip(_("Each school needs it once, to read the district's feedback bundles."))
        self.step3.add_button(export)
        for step in (self.step1, self.step2, self.step3):
            layout.addWidget(step)

    # --- state ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        info = self.sync.keys_info()
        self.fingerprint.setText(info["fingerprint"])
        peers = info["peers"]
        _fill(
            self.peers,
            [
                [
                    p["code"],
                    p["name"] or _("(name not known yet)"),
                    p["fingerprint"],
                    _("revoked") if p["revoked"] else _("enrolled"),
                ]
                for p in peers
            ],
        )
        waiting = self.sync.attention_count()
        self.attention_button.setText(_("Needs attention ({n})").format(n=waiting))
        self.attention_button.setStyleSheet("font-weight: bold; color: #b00020;" if waiting else "")
        live = [p for p in peers if not p["revoked"]]
        log = self.sync.import_log()  # each read once per refresh: the steps and the tables share them
        imports = [e for e in log if e["result"] == "applied"]
        if self.info.kind == "school":
            sent = self.sync.outbox()
            self._school_states(live, imports, sent)
            self.refresh_preview(peers)
            _fill(
                self.outbox_table,
                [
                    [
                        Path(e["path"]).name,
                        str(e["sequence"]),
                        bundle_kind_label(e["bundle_kind"]),
                        buddhist_date.format_medium(e["created_at"].astimezone().date()),
                        f"{max(1, e['size'] // 1024)} KB",
                        e["fingerprint"],
                    ]
                    for e in sent
                ],
            )
        else:
            self._district_states(live, imports)
            self.school_choice.clear()
            names = {row.owner_code: row.school_name for row in self.ctx.school_profile.list()}
            for p in peers:
                if p["kind"] == "school":
                    name = p["name"] or names.get(p["code"]) or ""
                    self.school_choice.addItem(f"{p['code']} {name}".strip(), p["code"])
            _fill(
                self.log_table,
                [
                    [
                        e["file_name"],
                        e["sender_code"] or "",
                        str(e["sequence"] or ""),
                        result_label(e["result"]),
                        buddhist_date.format_medium(e["imported_at"].astimezone().date()),
                        log_reason_label(e["reason"]),
                    ]
                    for e in log
                ],
            )

    def _school_states(
        self, live: list[dict[str, Any]], imports: list[dict[str, Any]], sent: list[dict[str, Any]]
    ) -> None:
        district = next((p for p in live if p["kind"] == "district"), None)
        if district is None:
            self.step1.set_state(_("Not enrolled yet: ask the district for its enrollment file."), ACTION_NEEDED)
            self.step2.set_state(_("Import the district's enrollment file first."), ACTION_NEEDED)
        else:
            self.step1.set_state(
                _("Enrolled with {name} ({code}).").format(name=district["name"] or "", code=district["code"]), DONE
            )
            last = imports[0]["imported_at"] if imports else None
            self.step2.set_state(
                _("Last file from the district imported on {date}.").format(
                    date=buddhist_date.format_medium(last.astimezone().date())
                )
                if last
                else _("No feedback bundle from the district imported yet."),
                DONE if last else WAITING,
            )
        not_enrolled = _("Import the district's enrollment file first (step 2).")
        explain_disabled(self.import_button, district is not None, not_enrolled)
        self.step3.set_state(
            _("Last bundle: no. {seq}, made on {date}.").format(
                seq=sent[0]["sequence"], date=buddhist_date.format_medium(sent[0]["created_at"].astimezone().date())
            )
            if sent
            else _("No bundle made yet."),
            DONE if sent else WAITING,
        )

    def _district_states(self, live: list[dict[str, Any]], imports: list[dict[str, Any]]) -> None:
        schools = [p for p in live if p["kind"] == "school"]
        self.step1.set_state(
            ngettext("{n} school enrolled.", "{n} schools enrolled.", len(schools)).format(n=len(schools))
            if schools
            else _("No school enrolled yet: import each school's enrollment file in step 2."),
            DONE if schools else ACTION_NEEDED,
        )
        last = imports[0]["imported_at"] if imports else None
        self.step2.set_state(
            _("Last bundle imported on {date}.").format(date=buddhist_date.format_medium(last.astimezone().date()))
            if last
            else _("No bundle imported yet."),
            DONE if last else WAITING,
        )
        self.step3.set_state(
            _("Choose a school, or send feedback to all of them.") if schools else _("Enroll a school first."),
            WAITING if schools else ACTION_NEEDED,
        )
        reason = _("No school is enrolled yet (step 2).")
        for button in (self.feedback_button, self.feedback_all_button, self.restore_button, self.revoke_button):
            explain_disabled(button, bool(schools), reason)  # (revoke is in the Keys tab)

    def refresh_preview(self, peers: list[dict[str, Any]] | None = None) -> None:
        """What the next bundle holds (`peers`: the enrolled peers, when the caller has read them already)."""
        try:
            p = self.sync.preview_export(full=bool(self.scope.currentData()))
        except KaplcError as exc:  # not enrolled yet: say what to do instead of a preview
            self.preview.setText(exc.message)
            explain_disabled(self.create_button, False, exc.message)
            return
        peers = peers if peers is not None else self.sync.keys_info()["peers"]
        names = {peer["code"]: peer["name"] for peer in peers}
        text = _("The bundle will be no. {seq}, for {to}: {counts}; {att} photos and files; about {kb} KB.").format(
            seq=p.sequence,
            to=names.get(p.receiver_code) or p.receiver_code,
            counts=counts_text(p.counts),
            att=p.attachments,
            kb=max(1, p.estimated_bytes // 1024),
        )
        if p.bundle_kind == "full" and not self.scope.currentData():
            text += " " + _("It holds everything: the district has not sent a receipt yet.")
        self.preview.setText(text)
        explain_disabled(self.create_button, True, "")

    # --- actions -------------------------------------------------------------------------------------
    def export_enrollment(self) -> None:
        path = self.prompts.save_file(
            self, _("Save the enrollment file"), f"enroll-{self.info.owner_code}.json", _("Enrollment file (*.json)")
        )
        if path is not None:
            fp = self.sync.export_enrollment(path)
            self.prompts.inform(
                self,
                _("Enrollment file saved"),
                _(
                    "Saved to {path}. When the other side imports it, read this fingerprint to them by phone: {fp}"
                ).format(path=path, fp=fp),
            )

    def import_enrollment(self) -> None:
        from ...sync.key_management import KeyChangeNeedsConfirmation

        path = self.prompts.open_file(self, _("Import an enrollment file"), _("Enrollment file (*.json)"))
        if path is None:
            return
        try:
            try:
                enrollment = self.sync.import_enrollment(path)
            except KeyChangeNeedsConfirmation as change:
                question = _(
                    "{code} already has a key enrolled here.\n\nOld fingerprint: {old}\nNew fingerprint: {new}\n\n"
                    "Replace it only if you read the new fingerprint with {code} by phone and it matches. "
                    "Replace the key?"
                ).format(code=change.code, old=change.old, new=change.new)
                if not self.prompts.confirm(self, _("The key changes"), question):
                    return
                enrollment = self.sync.import_enrollment(path, replace=change.new)
        except KaplcError as exc:
            show_refusal(self, exc.message)
            return
        self.prompts.inform(
            self,
            _("Enrolled"),
            _("{code} {name} is enrolled. Check its fingerprint by phone: {fp}").format(
                code=enrollment.code, name=enrollment.name, fp=enrollment.keys.fingerprint
            ),
        )
        self.refresh()

    def create_bundle(self) -> None:
        folder = self.prompts.folder(self, _("Where to save the bundle (for example the USB stick)"))
        if folder is None:
            return
        full, split = bool(self.scope.currentData()), self.split.value() or None

        def work(progress: Progress) -> Any:
            return self.sync.export_bundle(folder, full=full, split_mb=split, progress=progress)

        def done(written: Any) -> None:
            self.refresh()
            files = "\n".join(str(v) for v in written.volumes)
            self.prompts.inform(
                self,
                _("Bundle ready"),
                _(
                    "The bundle was written and checked on the medium:\n{files}\n\nIf the district asks for this "
                    "school's key fingerprint on the phone, read: {key}\n(The file's own fingerprint, to tell two "
                    "files apart: {fp})"
                ).format(
                    files=files, key=self.sync.keys_info()["fingerprint"], fp=short_file_fingerprint(written.sha256)
                ),
            )

        run_task(self, _("Creating the bundle…"), work, done, self.ctx.data_dir)

    def resend(self) -> None:
        rows = self.outbox_table.selectionModel().selectedRows()
        entries = self.sync.outbox()
        if not rows or rows[0].row() >= len(entries):
            return
        folder = self.prompts.folder(self, _("Copy the bundle to"))
        if folder is None:
            return
        from ...atomic_file import copy_atomic

        source = Path(entries[rows[0].row()]["path"])
        copy_atomic(source, folder / source.name)
        self.prompts.inform(self, _("Copied"), _("Copied to {path}.").format(path=folder / source.name))

    def choose_and_import(self) -> None:
        paths = self.prompts.bundle_files(self, _("Choose bundles"))
        if paths:
            self.check_and_import(paths)

    def choose_folder_and_import(self) -> None:
        folder = self.prompts.folder(self, _("Choose a folder of bundles"))
        if folder is not None:
            self.check_and_import([folder])

    def check_and_import(self, paths: list[Path], restore_over_data: bool = False) -> None:
        def work(progress: Progress) -> Any:
            return self.sync.import_bundles(paths, dry_run=True, restore_over_data=restore_over_data, progress=progress)

        def checked(outcomes: list[Any]) -> None:
            restores = [o for o in outcomes if o.refusal is not None and o.refusal.reason == "restore-over-data"]
            if restores and not restore_over_data:
                question = _(
                    "This is a restore bundle from the district: everything it holds for this school. This school "
                    "already has records; they are kept, and records erased here stay erased. Use it only to "
                    "rebuild this computer's data. Continue?"
                )
                if self.prompts.confirm(self, _("Restore bundle"), question):
                    self.check_and_import(paths, restore_over_data=True)
                    return
            self._review(paths, outcomes, restore_over_data)

        run_task(self, _("Checking bundles…"), work, checked, self.ctx.data_dir)

    def show_attention(self) -> None:
        from ..dialogs.needs_attention_dialog import NeedsAttentionDialog

        dialog = NeedsAttentionDialog(self.sync, self)
        self.last_attention = dialog
        dialog.exec()
        self.refresh()

    def _review(self, paths: list[Path], outcomes: list[Any], restore_over_data: bool = False) -> None:
        dialog = ImportPreviewDialog(outcomes, self)
        self.last_preview = dialog
        if not dialog.exec():
            return
        trust = dialog.trusted
        chosen = [
            o.path
            for o in outcomes
            if o.result == "would-apply" or (o.needs_confirmation and o.refusal.fingerprint in trust)
        ]

        def work(progress: Progress) -> Any:
            results = []
            for n, path in enumerate(chosen):
                progress.update(n, len(chosen), _("Importing {name}…").format(name=path.name))
                results.extend(
                    self.sync.import_bundles([path], dry_run=False, trust=trust, restore_over_data=restore_over_data)
                )
            return results

        def done(results: list[Any]) -> None:
            self.refresh()
            summary = ImportPreviewDialog(results, self, applied=True)
            self.last_summary = summary
            summary.exec()

        run_task(self, _("Importing bundles…"), work, done, self.ctx.data_dir)

    def _district_export(self, title: str, make: Any) -> None:
        folder = self.prompts.folder(self, title)
        if folder is None:
            return

        def done(written: Any) -> None:
            items = written if isinstance(written, list) else [written]
            self.prompts.inform(
                self,
                _("Bundles ready"),
                "\n".join(f"{w.path.name} — {short_file_fingerprint(w.sha256)}" for w in items)
                or _("No school is enrolled."),
            )
            self.refresh()

        run_task(self, title, lambda progress: make(folder, progress), done, self.ctx.data_dir)

    def feedback_one(self) -> None:
        code = self.school_choice.currentData()
        if code:
            self._district_export(_("Feedback bundle"), lambda f, p: self.sync.export_feedback(code, f, p))

    def feedback_all(self) -> None:
        self._district_export(_("Feedback bundles"), lambda f, p: self.sync.export_feedback_all(f, p))

    def restore_one(self) -> None:
        code = self.school_choice.currentData()
        if not code:
            return
        try:
            target = self.sync.restore_target(code)
        except KaplcError as exc:
            show_refusal(self, exc.message)
            return
        confirm_key = None
        if target["warn_same_key"]:
            question = _(
                "The restore bundle will be encrypted to the key school {code} has used so far (fingerprint {fp}). "
                "If the school's computer was lost or stolen, do not continue: revoke that key and import the new "
                "computer's enrollment file first. Continue only if the school still has that computer."
            ).format(code=code, fp=target["fingerprint"])
            if not self.prompts.confirm(self, _("Restore bundle"), question):
                return
            confirm_key = target["fingerprint"]
        self._district_export(
            _("Restore bundle"), lambda f, p: self.sync.export_restore(code, f, p, confirm_key=confirm_key)
        )

    def chosen_peer_school(self) -> str | None:
        """The school chosen in the Keys tab's list (where the Revoke button is), else the one chosen in step 3."""
        rows = self.peers.selectionModel().selectedRows()
        if rows:
            item = self.peers.item(rows[0].row(), 0)
            code = item.text() if item is not None else ""
            return code if self.school_choice.findData(code) >= 0 else None
        return self.school_choice.currentData()

    def revoke_key(self) -> None:
        code = self.chosen_peer_school()
        if not code:
            show_refusal(self, _("Choose the school in the list above first."))
            return
        reason = self.prompts.ask_text(
            self, _("Revoke the school's key"), _("Why is the key of school {code} revoked?").format(code=code)
        )
        if not reason:
            return
        question = _(
            "Revoke the key of school {code}? Bundles signed with it will be refused, and nothing will be "
            "encrypted to it again. The school then sends the enrollment file of its new computer."
        ).format(code=code)
        if not self.prompts.confirm(self, _("Revoke the school's key"), question):
            return
        try:
            fingerprint = self.sync.revoke_key(code, reason)
        except KaplcError as exc:
            show_refusal(self, exc.message)
            return
        self.prompts.inform(
            self, _("Key revoked"), _("The key {fp} of school {code} is revoked.").format(fp=fingerprint, code=code)
        )
        self.refresh()
