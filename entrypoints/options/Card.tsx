import type { ComponentChildren } from 'preact';

/** One of the settings page's sections, named by its heading (`${id}-heading`). */
export function Card({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
