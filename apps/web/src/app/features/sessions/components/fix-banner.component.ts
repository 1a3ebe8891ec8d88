import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { recordFixOutcomeRequestSchema, type FixOutcome, type FixStatus } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { EnterSubmitsDirective } from '../../../shared/forms/enter-submits.directive';
import type { FixBanner } from '../fix-banner-mode';

export interface OutcomeChoice {
  readonly outcome: FixOutcome;
  readonly reason?: string;
  readonly notes?: string;
}

/** A note the engineer writes before the outcome is recorded: what they wait on, or what partly worked. */
type NoteForm = {
  readonly kind: 'reason' | 'notes';
  readonly outcome: FixOutcome;
  readonly label: string;
  readonly action: string;
  /** The longest note the API takes. */
  readonly maxLength: number;
};

const { reason, notes } = recordFixOutcomeRequestSchema.shape;
const WAITING: NoteForm = {
  kind: 'reason',
  outcome: 'applied_pending',
  label: 'What are you waiting on before you can verify?',
  action: 'Save',
  maxLength: reason.in.unwrap().maxLength ?? Number.MAX_SAFE_INTEGER,
};
const UPDATE_REASON: NoteForm = { ...WAITING, label: 'What are you waiting on now?' };
const PARTLY: NoteForm = {
  kind: 'notes',
  outcome: 'applied_partial',
  label: 'What worked, and what still does not?',
  action: 'Save',
  maxLength: notes.in.unwrap().maxLength ?? Number.MAX_SAFE_INTEGER,
};

/** The fix as it was when a note was sent: once the page shows it changed, the note is saved. */
type Saving = { readonly status: FixStatus; readonly updatedAt: string };

let nextId = 0;

/** One open fix above the composer, asking for what the engineer knows about it now. */
@Component({
  selector: 'app-fix-banner',
  imports: [ButtonComponent, EnterSubmitsDirective, FormsModule],
  templateUrl: './fix-banner.component.html',
  styleUrl: './fix-banner.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-mode]': 'banner().mode',
    role: 'group',
    '[attr.aria-labelledby]': 'headingId',
    '(document:click)': 'clickedAnywhere($event)',
  },
})
export class FixBannerComponent {
  readonly banner = input.required<FixBanner>();
  readonly busy = input(false);
  /** Why the last outcome was not recorded; a note form stays open with it, text and all. */
  readonly error = input<string | null>(null);
  readonly outcome = output<OutcomeChoice>();

  protected readonly headingId = `fix-banner-${++nextId}`;
  protected readonly menuId = `${this.headingId}-menu`;
  protected readonly noteId = `${this.headingId}-note`;
  protected readonly menuOpen = signal(false);
  protected readonly form = signal<NoteForm | null>(null);
  protected readonly note = signal('');
  protected readonly noteError = signal<string | null>(null);
  private readonly saving = signal<Saving | null>(null);

  protected readonly fix = computed(() => this.banner().fix);
  protected readonly heading = computed(() => {
    const { mode, fix } = this.banner();
    switch (mode) {
      case 'proposed':
        return `Suggested fix: ${fix.title}`;
      case 'verifying':
        return `Did “${fix.title}” work?`;
      case 'nudge':
        return `Still checking “${fix.title}”?`;
      case 'partial':
        return `“${fix.title}” partly worked`;
      case 'pending':
        return `Waiting to verify “${fix.title}”`;
    }
  });

  private readonly injector = inject(Injector);
  private readonly noteField = viewChild<ElementRef<HTMLTextAreaElement>>('noteField');
  private readonly menuButton = viewChild<ElementRef<HTMLButtonElement>>('menuButton');
  private readonly menu = viewChild<ElementRef<HTMLElement>>('menu');

  constructor() {
    // The note form closes only once the page shows the fix changed; a failed save keeps it, and its text.
    effect(() => {
      const { status, updatedAt } = this.fix();
      const failed = this.error();
      untracked(() => {
        const saving = this.saving();
        if (!saving) return;
        if (status !== saving.status || updatedAt !== saving.updatedAt) this.cancelNote();
        else if (failed) this.saving.set(null);
      });
    });
  }

  protected choose(outcome: FixOutcome): void {
    this.menuOpen.set(false);
    this.outcome.emit({ outcome });
  }

  protected askWaiting(): void {
    this.openForm(WAITING, '');
  }

  protected askUpdateReason(): void {
    this.openForm(UPDATE_REASON, this.fix().pendingReason ?? '');
  }

  protected askPartly(): void {
    this.openForm(PARTLY, this.fix().notes ?? '');
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.menuButton()?.nativeElement.focus();
  }

  protected clickedAnywhere(event: MouseEvent): void {
    if (this.menuOpen() && !this.menu()?.nativeElement.contains(event.target as Node)) this.menuOpen.set(false);
  }

  /** Tabbing on past the menu closes it. (A click elsewhere is the document's; some browsers move no focus on click.) */
  protected focusLeftMenu(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (next instanceof Node && !this.menu()?.nativeElement.contains(next)) this.menuOpen.set(false);
  }

  protected submitNote(): void {
    const form = this.form();
    if (!form) return;
    const text = this.note().trim();
    if (!text) {
      this.noteError.set(form.kind === 'reason' ? 'Say what you are waiting on, e.g. the user restarting.' : 'Say what worked and what did not.');
      return;
    }
    this.noteError.set(null);
    const { status, updatedAt } = this.fix();
    this.saving.set({ status, updatedAt });
    this.outcome.emit(form.kind === 'reason' ? { outcome: form.outcome, reason: text } : { outcome: form.outcome, notes: text });
  }

  protected cancelNote(): void {
    this.form.set(null);
    this.noteError.set(null);
    this.saving.set(null);
  }

  private openForm(form: NoteForm, initial: string): void {
    this.menuOpen.set(false);
    this.note.set(initial);
    this.noteError.set(null);
    this.saving.set(null);
    this.form.set(form);
    afterNextRender(() => this.noteField()?.nativeElement.focus(), { injector: this.injector });
  }
}
