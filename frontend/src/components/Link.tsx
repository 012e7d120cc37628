import type { ComponentChildren } from "preact";
import { navigate } from "../lib/router";

interface Props {
  to: string;
  children: ComponentChildren;
  class?: string;
  "aria-current"?: "page" | undefined;
  "data-testid"?: string;
}

/** An ordinary link (works with a new tab, middle click …) that routes in-app on a plain click. */
export function Link({ to, children, ...rest }: Props) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
