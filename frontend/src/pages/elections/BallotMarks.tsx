/**
 * Marking a ballot, per kind: yes/no and single choice (radio buttons with a blank vote), approval
 * (check boxes up to a limit, with a counter), ranked (a ranking built with buttons, announced to
 * screen readers), d'Hondt (candidates grouped by list, the alliance shown). Used by the voter's
 * ballot and the officer's preview.
 */
import type { TFunction } from "i18next";
import { useState } from "preact/hooks";
import type { ElectionOption } from "../../api/types";
import { FieldMessages } from "../../components/Field";
import { useI18n } from "../../i18n/context";
import {
  BLANK_CHOICE,
  type BallotRules,
  type Marks,
  ballotOptions,
  choiceLimit,
  groupByList,
  isRanked,
  isSingle,
} from "../../lib/elections/ballot";
import { rankAdd, rankMove, rankRemove } from "../../lib/elections/ranking";

export interface MarksProps {
  rules: BallotRules;
  marks: Marks;
  onMarks: (marks: Marks) => void;
  /** Keeps ids unique when a page shows two ballots (the form's preview). */
  idPrefix: string;
  error?: string | undefined;
}

/** An option's name as the voter reads it: yes and no are translated. */
export function optionName(t: TFunction, rules: Pick<BallotRules, "kind">, option: ElectionOption): string {
  if (rules.kind === "yesno") return option.id === "yes" ? t("common.yes") : option.id === "no" ? t("common.no") : option.name;
  return option.name;
}

export function BallotMarks(props: MarksProps) {
  const { kind } = props.rules;
  if (isRanked(kind)) return <RankingMarks {...props} />;
  if (kind === "approval") return <ApprovalMarks {...props} />;
  if (isSingle(kind)) return <SingleMarks {...props} />;
  return null;
}

function Choice(props: { id: string; name: string; value: string; checked: boolean; onPick: () => void; label: string; hint?: string | undefined }) {
  return (
    <div class="choice ballot-choice">
      <input
        id={props.id}
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onPick}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      <label for={props.id}>
        {props.label}
        {props.hint ? (
          <span id={`${props.id}-hint`} class="hint">
            {" "}
            {props.hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

function SingleMarks(props: MarksProps) {
  const { t } = useI18n();
  const { rules, marks, idPrefix } = props;
  const options = ballotOptions(rules);
  const pick = (value: string) => props.onMarks({ ...marks, single: value });
  const radio = (option: ElectionOption) => (
    <Choice
      key={option.id}
      id={`${idPrefix}-choice-${option.id}`}
      name="choice"
      value={option.id}
      checked={marks.single === option.id}
      onPick={() => pick(option.id)}
      label={optionName(t, rules, option)}
    />
  );
  const blank = (
    <Choice
      id={`${idPrefix}-choice-blank`}
      name="choice"
      value={BLANK_CHOICE}
      checked={marks.single === BLANK_CHOICE}
      onPick={() => pick(BLANK_CHOICE)}
      label={t("ballot.blank")}
      hint={t("ballot.blankHint")}
    />
  );
  const legend = rules.kind === "yesno" ? t("ballot.yesnoLegend") : rules.kind === "dhondt" ? t("ballot.dhondtLegend") : t("ballot.singleLegend");
  return (
    <fieldset
      class={props.error ? "field choices ballot has-error" : "field choices ballot"}
      aria-describedby={props.error ? `${idPrefix}-choice-error` : undefined}
      data-testid="ballot-marks"
    >
      <legend>{legend}</legend>
      {rules.kind === "dhondt" ? (
        groupByList(options).map((group, n) => (
          <div key={group.list} class="ballot-list" role="group" aria-labelledby={`${idPrefix}-list-${n}`} data-testid={`list-${n}`}>
            <p id={`${idPrefix}-list-${n}`} class="ballot-list-name">
              {group.list}
              {group.alliance ? <span class="badge badge-info">{t("ballot.alliance", { name: group.alliance })}</span> : null}
            </p>
            {group.options.map(radio)}
          </div>
        ))
      ) : (
        options.map(radio)
      )}
      <div class="ballot-blank">{blank}</div>
      <FieldMessages id={`${idPrefix}-choice`} name="choices" error={props.error} />
    </fieldset>
  );
}

function ApprovalMarks(props: MarksProps) {
  const { t } = useI18n();
  const { rules, marks, idPrefix } = props;
  const options = ballotOptions(rules);
  const limit = choiceLimit(rules);
  const full = marks.approved.length >= limit;
  const toggle = (id: string, on: boolean) => {
    const approved = on ? (marks.approved.includes(id) || full ? marks.approved : [...marks.approved, id]) : marks.approved.filter((a) => a !== id);
    props.onMarks({ ...marks, approved });
  };
  const describedBy = [`${idPrefix}-approval-count`, props.error ? `${idPrefix}-choice-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset class={props.error ? "field choices ballot has-error" : "field choices ballot"} aria-describedby={describedBy} data-testid="ballot-marks">
      <legend>{t("ballot.approvalLegend", { count: limit })}</legend>
      {options.map((option) => {
        const checked = marks.approved.includes(option.id);
        return (
          <div class="choice ballot-choice" key={option.id}>
            <input
              id={`${idPrefix}-approve-${option.id}`}
              type="checkbox"
              name="approve"
              value={option.id}
              checked={checked}
              disabled={!checked && full}
              onChange={(e) => toggle(option.id, e.currentTarget.checked)}
            />
            <label for={`${idPrefix}-approve-${option.id}`}>{option.name}</label>
          </div>
        );
      })}
      <p id={`${idPrefix}-approval-count`} class="counter" aria-live="polite" data-testid="approval-counter">
        {t("ballot.approvalCount", { chosen: marks.approved.length, limit })}
        {full ? ` ${t("ballot.approvalFull")}` : ""}
      </p>
      <p class="hint">{t("ballot.approvalBlankHint")}</p>
      <FieldMessages id={`${idPrefix}-choice`} name="choices" error={props.error} />
    </fieldset>
  );
}

const focusSoon = (id: string) => window.requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The ranking: "Your ranking" (numbered, with move up / move down / remove) and "Not ranked" (with
 * "add as preference N"). Every change is announced in a live region and keeps the focus on the
 * moved candidate's button, so a keyboard or screen-reader user never loses their place.
 * Alt+Arrow Up / Alt+Arrow Down on a ranked candidate move it too.
 */
function RankingMarks(props: MarksProps) {
  const { t } = useI18n();
  const { rules, marks, idPrefix } = props;
  const options = ballotOptions(rules);
  const byId = new Map(options.map((o) => [o.id, o]));
  const limit = choiceLimit(rules);
  const ranking = marks.ranking.filter((id) => byId.has(id));
  const unranked = options.filter((o) => !ranking.includes(o.id));
  const full = ranking.length >= limit;
  const [announcement, setAnnouncement] = useState("");
  const name = (id: string) => byId.get(id)?.name ?? id;
  const elementId = (what: string, id: string) => `${idPrefix}-${what}-${id}`;
  const set = (next: string[], message: string) => {
    props.onMarks({ ...marks, ranking: next });
    setAnnouncement(message);
  };

  const move = (id: string, by: -1 | 1) => {
    const at = ranking.indexOf(id);
    const to = at + by;
    if (to < 0 || to >= ranking.length) {
      setAnnouncement(t(by < 0 ? "ballot.alreadyFirst" : "ballot.alreadyLast", { name: name(id) }));
      return;
    }
    set(rankMove(ranking, id, by), t("ballot.movedTo", { name: name(id), rank: to + 1 }));
    // Stay on the same button unless the candidate reached the end it was moving to.
    const ends = by < 0 ? to === 0 : to === ranking.length - 1;
    focusSoon(elementId(ends ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down", id));
  };
  const add = (id: string) => {
    if (full) {
      setAnnouncement(t("ballot.rankingFull", { count: limit }));
      return;
    }
    const next = rankAdd(ranking, id, limit);
    set(next, t("ballot.added", { name: name(id), rank: next.length }));
    const rest = unranked.filter((o) => o.id !== id);
    const after = rest[Math.min(unranked.findIndex((o) => o.id === id), rest.length - 1)];
    focusSoon(after && next.length < limit ? elementId("rank", after.id) : elementId("up", id));
  };
  const remove = (id: string) => {
    const at = ranking.indexOf(id);
    const next = rankRemove(ranking, id);
    set(next, t("ballot.removed", { name: name(id) }));
    const neighbour = next[Math.min(at, next.length - 1)];
    focusSoon(neighbour ? elementId("remove", neighbour) : elementId("rank", id));
  };
  const onKey = (id: string) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(id, event.key === "ArrowUp" ? -1 : 1);
  };

  return (
    <fieldset class={props.error ? "field ballot ranking has-error" : "field ballot ranking"} data-testid="ballot-marks" aria-describedby={`${idPrefix}-ranking-help`}>
      <legend>{t("ballot.rankingLegend")}</legend>
      <p id={`${idPrefix}-ranking-help`} class="hint">
        {limit < options.length ? t("ballot.rankingHelpLimited", { count: limit }) : t("ballot.rankingHelp")}
      </p>
      <h3 id={`${idPrefix}-ranked-title`}>{t("ballot.yourRanking")}</h3>
      {ranking.length === 0 ? (
        <p class="muted" data-testid="ranking-empty">
          {t("ballot.rankingEmpty")}
        </p>
      ) : null}
      <ol class="ranking-list" aria-labelledby={`${idPrefix}-ranked-title`} data-testid="ranking">
        {ranking.map((id, index) => (
          <li key={id} class="ranked" data-testid={`ranked-${id}`} data-rank={index + 1} onKeyDown={onKey(id)}>
            <span class="rank-number" aria-hidden="true">
              {index + 1}.
            </span>
            <span class="rank-name">
              <span class="visually-hidden">{t("ballot.preference", { rank: index + 1 })} </span>
              {name(id)}
            </span>
            <span class="rank-buttons">
              <button
                type="button"
                id={elementId("up", id)}
                data-testid={`move-up-${id}`}
                aria-label={t("ballot.moveUpLabel", { name: name(id), rank: index + 1 })}
                aria-disabled={index === 0 ? "true" : undefined}
                onClick={() => move(id, -1)}
              >
                <span aria-hidden="true">↑</span> {t("ballot.up")}
              </button>
              <button
                type="button"
                id={elementId("down", id)}
                data-testid={`move-down-${id}`}
                aria-label={t("ballot.moveDownLabel", { name: name(id), rank: index + 1 })}
                aria-disabled={index === ranking.length - 1 ? "true" : undefined}
                onClick={() => move(id, 1)}
              >
                <span aria-hidden="true">↓</span> {t("ballot.down")}
              </button>
              <button
                type="button"
                class="link-button"
                id={elementId("remove", id)}
                data-testid={`unrank-${id}`}
                aria-label={t("ballot.removeLabel", { name: name(id) })}
                onClick={() => remove(id)}
              >
                {t("ballot.remove")}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {unranked.length ? (
        <>
          <h3 id={`${idPrefix}-unranked-title`}>{t("ballot.notRanked")}</h3>
          <ul class="ranking-list unranked" aria-labelledby={`${idPrefix}-unranked-title`} data-testid="unranked">
            {unranked.map((option) => (
              <li key={option.id} class="unranked-item" data-testid={`unranked-${option.id}`}>
                <span class="rank-name">{option.name}</span>
                <button
                  type="button"
                  id={elementId("rank", option.id)}
                  data-testid={`rank-${option.id}`}
                  aria-disabled={full ? "true" : undefined}
                  aria-label={t("ballot.addLabel", { name: option.name, rank: ranking.length + 1 })}
                  onClick={() => add(option.id)}
                >
                  {t("ballot.add", { rank: ranking.length + 1 })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {full && unranked.length ? <p class="hint">{t("ballot.rankingFull", { count: limit })}</p> : null}
      <p class="visually-hidden" aria-live="polite" role="status" data-testid="ranking-status">
        {announcement}
      </p>
      <FieldMessages id={`${idPrefix}-choice`} name="choices" error={props.error} />
    </fieldset>
  );
}
