import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { DataTableComponent, RowActionsDirective } from './data-table.component';

interface Key {
  readonly id: string;
  readonly name: string;
}

@Component({
  imports: [DataTableComponent, RowActionsDirective],
  template: `
    <app-data-table id="keys" [columns]="['Name']" [rowCount]="keys().length" empty="No keys yet.">
      @for (key of keys(); track key.id) {
        <tr>
          <td>{{ key.name }}</td>
          <td appRowActions><button type="button">Revoke</button></td>
        </tr>
      }
    </app-data-table>
    <app-data-table id="members" [columns]="['Name', 'Email']" [rowCount]="0" />
    <app-data-table
      id="codes"
      [columns]="['Code']"
      [rowCount]="codes().length"
      empty="No codes yet."
      [moreAvailable]="moreAvailable()"
      [loadingMore]="loadingMore()"
      [moreError]="moreError()"
      (more)="asked = asked + 1"
    >
      @for (code of codes(); track code.id) {
        <tr><td>{{ code.name }}</td></tr>
      }
    </app-data-table>
  `,
})
class HostComponent {
  readonly keys = signal<readonly Key[]>([]);
  readonly codes = signal<readonly Key[]>([{ id: 'c1', name: 'spring-pilot' }]);
  readonly moreAvailable = signal(false);
  readonly loadingMore = signal(false);
  readonly moreError = signal('');
  asked = 0;
}

describe('DataTableComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const headings = (table: string) => Array.from(page.querySelectorAll(`#${table} th`)).map((th) => [th.getAttribute('scope'), th.textContent]);

  it('says the empty sentence instead of a table without rows', () => {
    expect(page.querySelector('#keys table')).toBeNull();
    expect(page.querySelector('#keys')?.textContent?.trim()).toBe('No keys yet.');
  });

  it("puts the owner's rows in its body under column headings, with a hidden heading for the actions", async () => {
    fixture.componentInstance.keys.set([
      { id: '1', name: 'PSA sync' },
      { id: '2', name: 'Backup' },
    ]);
    await fixture.whenStable();
    expect(headings('keys')).toEqual([
      ['col', 'Name'],
      ['col', 'Actions'],
    ]);
    expect(page.querySelector('#keys th .visually-hidden')?.textContent).toBe('Actions');
    const rows = page.querySelectorAll('#keys tbody tr');
    expect(Array.from(rows).map((row) => row.querySelector('td')?.textContent)).toEqual(['PSA sync', 'Backup']);
    expect(rows[0]!.querySelector('td:last-child')?.classList).toContain('row-actions');
    expect(page.querySelector('#keys .table-scroll > table')).not.toBeNull();
  });

  describe('with more rows than shown', () => {
    const moreButton = () => page.querySelector<HTMLButtonElement>('#codes .more button');

    it('offers a real "Show more" button under the table only while there are more rows, and emits more', async () => {
      expect(moreButton()).toBeNull();
      fixture.componentInstance.moreAvailable.set(true);
      await fixture.whenStable();
      expect(page.querySelector('#codes .table-scroll + .more')).not.toBeNull();
      expect(moreButton()?.type).toBe('button');
      expect(moreButton()?.textContent?.trim()).toBe('Show more');
      moreButton()!.click();
      expect(fixture.componentInstance.asked).toBe(1);
    });

    it('shows the button busy while loading, and ignores clicks then', async () => {
      fixture.componentInstance.moreAvailable.set(true);
      fixture.componentInstance.loadingMore.set(true);
      await fixture.whenStable();
      expect(moreButton()?.getAttribute('aria-busy')).toBe('true');
      moreButton()!.click();
      expect(fixture.componentInstance.asked).toBe(0);
    });

    it('says why more could not be shown above a "Try again" button', async () => {
      fixture.componentInstance.moreAvailable.set(true);
      fixture.componentInstance.moreError.set('The server could not be reached.');
      await fixture.whenStable();
      expect(page.querySelector('#codes [role="alert"]')?.textContent?.trim()).toBe(
        'More could not be shown. The server could not be reached.',
      );
      expect(moreButton()?.textContent?.trim()).toBe('Try again');
      moreButton()!.click();
      expect(fixture.componentInstance.asked).toBe(1);
      expect(page.querySelectorAll('#codes tbody tr')).toHaveLength(1);
    });

    it('shows the headings rather than the empty sentence when no row is left but more are available', async () => {
      fixture.componentInstance.codes.set([]);
      fixture.componentInstance.moreAvailable.set(true);
      await fixture.whenStable();
      expect(page.querySelector('#codes')?.textContent).not.toContain('No codes yet.');
      expect(page.querySelector('#codes th')?.textContent).toBe('Code');
      expect(moreButton()).not.toBeNull();
    });
  });

  it('shows the headings of an empty table when there is no empty sentence, and no actions column without action cells', () => {
    expect(headings('members')).toEqual([
      ['col', 'Name'],
      ['col', 'Email'],
    ]);
  });
});
