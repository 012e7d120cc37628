/**
 * The public bulletin board of an election: the live (or final) head, the sealed blocks with their
 * codes, the codes not yet sealed, and a look-up of one's own tracking code, whose Merkle proof is
 * checked here in the browser. Needs no sign-in; nothing here is sent with the visitor's token.
 */
import { useEffect, useState } from "preact/hooks";
import type { Board, BoardBlock, CodeLookup } from "../../api/types";
import { ApiError } from "../../api/errors";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { alertText, useForm } from "../../lib/forms";
import { type ProofCheck, brokenLink, checkBlock, checkLookup, cryptoAvailable } from "../../lib/elections/merkle";
import { codeFromHash } from "../../lib/elections/receipt";
import { normaliseCode } from "../../lib/elections/tracking";
import { api } from "../../services";
import { Hash, electionPage, statusLabel, titleOf, useElectionTitle } from "./shared";

/** Blocks asked for per page; a big board is read a page at a time. */
export const BLOCKS_PER_PAGE = 50;
/** Codes shown at once in an opened block or the pending list (a block may hold 10,000). */
const CODES_SHOWN = 500;

export function BoardPage(props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = props.params.id ?? "";
  const notices = useNotices();
  const [board, setBoard] = useState<Board | null>(null);
  const [blocks, setBlocks] = useState<BoardBlock[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [found, setFound] = useState<CodeLookup | null>(null);
  const title = useElectionTitle(id, board?.title);

  const load = async (from: number) => {
    const page = await api.board(id, from, BLOCKS_PER_PAGE);
    setBoard(page);
    setBlocks((current) => (from === 0 ? page.blocks : [...current, ...page.blocks]));
  };

  useEffect(() => {
    load(0).catch((error: unknown) => notices.alert("page", (tr) => alertText(error, tr, false, [])));
  }, [id]);

  const more = async () => {
    if (board?.next_block == null) return;
    setLoadingMore(true);
    try {
      await load(board.next_block);
    } catch (error) {
      notices.alert("page", (tr) => alertText(error, tr, false, []));
    } finally {
      setLoadingMore(false);
    }
  };

  const heading = title ? t("board.titleOf", { title: titleOf(t, title, lang) }) : t("board.title");
  return (
    <section class="board-page" data-testid="board-page">
      <PageTitle title={heading} />
      <p>{t("board.intro")}</p>
      <Notice notices={notices} owner="page" />
      <Lookup electionId={id} onFound={setFound} />
      {board === null ? (
        notices.notice ? null : <Loading />
      ) : (
        <>
          <BoardFacts board={board} blocks={blocks} />
          <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">{t("board.blocks")}</h2>
            {blocks.length === 0 ? <p class="muted">{t("board.noBlocks")}</p> : null}
            <ol class="blocks" data-testid="blocks">
              {blocks.map((block) => (
                <BlockItem key={block.index} block={block} highlight={found?.sealed && found.block?.index === block.index ? found.tracking_code : null} />
              ))}
            </ol>
            {board.next_block != null ? (
              <div class="actions">
                <button type="button" data-testid="more-blocks" disabled={loadingMore} onClick={() => void more()}>
                  {t("board.moreBlocks")}
                </button>
              </div>
            ) : null}
          </section>
          {board.pending.length ? <Pending codes={board.pending} highlight={found && !found.sealed ? found.tracking_code : null} /> : null}
          <p>
            <Link to={electionPage(id, "results")} data-testid="open-results">
              {t("board.toResults")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

function BoardFacts(props: { board: Board; blocks: BoardBlock[] }) {
  const { t } = useI18n();
  const { board, blocks } = props;
  return (
    <section class="card" aria-labelledby="board-facts-title">
      <h2 id="board-facts-title">{board.final ? t("board.finalHead") : t("board.liveHead")}</h2>
      <p>
        <Hash value={board.head} testId="board-head" />
      </p>
      <p class="hint">{board.final ? t("board.finalHint") : t("board.liveHint")}</p>
      {board.next_block == null ? <ChainCheck electionId={board.election_id} blocks={blocks} head={board.head} /> : null}
      <dl class="facts">
        <div>
          <dt>{t("board.status")}</dt>
          <dd>{statusLabel(t, board.status)}</dd>
        </div>
        <div>
          <dt>{t("board.codesTotal")}</dt>
          <dd data-testid="board-count">{board.codes_total}</dd>
        </div>
      </dl>
    </section>
  );
}

/** With every block loaded: the chain from the election's genesis to the head, checked here. */
function ChainCheck(props: { electionId: string; blocks: BoardBlock[]; head: string }) {
  const { t } = useI18n();
  const [broken, setBroken] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    if (!cryptoAvailable()) return;
    let alive = true;
    brokenLink(props.electionId, props.blocks, props.head)
      .then((at) => alive && setBroken(at))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [props.electionId, props.blocks, props.head]);
  if (broken === undefined) return null;
  if (broken === null) {
    return (
      <p class="proof-ok" data-testid="chain-verified">
        <span aria-hidden="true">✓ </span>
        {t("board.chainVerified", { count: props.blocks.length })}
      </p>
    );
  }
  return (
    <p class="proof-bad" data-testid="chain-failed">
      {broken < 0 ? t("board.headMismatch") : t("board.chainBroken", { index: broken })}
    </p>
  );
}

function CodeList(props: { codes: string[]; highlight: string | null; testId: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? props.codes : props.codes.slice(0, CODES_SHOWN);
  return (
    <>
      <ul class="codes" data-testid={props.testId}>
        {shown.map((code) =>
          code === props.highlight ? (
            <li key={code} class="code-found" data-testid="code-found">
              <mark>{code}</mark> <span class="visually-hidden">{t("board.yourCode")}</span>
            </li>
          ) : (
            <li key={code}>{code}</li>
          ),
        )}
      </ul>
      {shown.length < props.codes.length ? (
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          {t("board.showAllCodes", { count: props.codes.length })}
        </button>
      ) : null}
    </>
  );
}

/** A block, folded: its codes are drawn only once opened (or when it holds the code looked up). */
function BlockItem(props: { block: BoardBlock; highlight: string | null }) {
  const { t, lang } = useI18n();
  const { block } = props;
  const [open, setOpen] = useState(false);
  const showCodes = open || props.highlight !== null;
  return (
    <li data-testid={`block-${block.index}`}>
      <details class="block" open={showCodes} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          {t("board.block", { index: block.index, count: block.size })} · {formatEventTime(block.sealed_at, lang)}
        </summary>
        <dl class="block-header">
          <dt>{t("board.blockHash")}</dt>
          <dd>
            <Hash value={block.hash} />
          </dd>
          <dt>{t("board.previousHash")}</dt>
          <dd>
            <Hash value={block.previous_hash} />
          </dd>
          <dt>{t("board.merkleRoot")}</dt>
          <dd>
            <Hash value={block.merkle_root} />
          </dd>
        </dl>
        {showCodes ? (
          <>
            <BlockCheck block={block} />
            <CodeList codes={block.codes ?? []} highlight={props.highlight} testId={`codes-${block.index}`} />
          </>
        ) : null}
      </details>
    </li>
  );
}

/** Once a block is opened, its Merkle root and hash are recomputed here from what the board shows. */
function BlockCheck(props: { block: BoardBlock }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<ProofCheck | null>(null);
  useEffect(() => {
    if (!cryptoAvailable()) return;
    let alive = true;
    checkBlock(props.block)
      .then((c) => alive && setCheck(c))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [props.block]);
  if (!check) return null;
  return check.inRoot && check.blockIntact ? (
    <p class="proof-ok" data-testid={`block-verified-${props.block.index}`}>
      <span aria-hidden="true">✓ </span>
      {t("board.blockVerified")}
    </p>
  ) : (
    <p class="proof-bad" data-testid={`block-failed-${props.block.index}`}>
      {t("board.blockFailed")}
    </p>
  );
}

function Pending(props: { codes: string[]; highlight: string | null }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t("board.pending", { count: props.codes.length })}</h2>
      <p class="hint">{t("board.pendingHint")}</p>
      <details class="block" open={props.highlight !== null || props.codes.length <= 20}>
        <summary>{t("board.pendingCodes", { count: props.codes.length })}</summary>
        <CodeList codes={props.codes} highlight={props.highlight} testId="pending-codes" />
      </details>
    </section>
  );
}

type Verdict = { state: "checking" } | { state: "done"; check: ProofCheck } | { state: "unavailable" };

function Lookup(props: { electionId: string; onFound: (found: CodeLookup | null) => void }) {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const form = useForm<"tracking_code">("lookup", ["tracking_code"], notices);
  const [code, setCode] = useState(() => codeFromHash(window.location.hash));
  const [found, setFound] = useState<CodeLookup | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);

  const find = (text: string) => {
    const checked = normaliseCode(text);
    const clientErrors = checked.ok ? {} : { tracking_code: checked.problem === "check" ? t("board.errors.check") : t("board.errors.format") };
    setFound(null);
    props.onFound(null);
    setVerdict(null);
    void form.run(
      async () => {
        if (!checked.ok) return;
        setCode(checked.code);
        const answer = await api.lookupCode(props.electionId, checked.code);
        setFound(answer);
        props.onFound(answer);
        if (!answer.sealed || !answer.block) return;
        if (!cryptoAvailable()) {
          setVerdict({ state: "unavailable" });
          return;
        }
        setVerdict({ state: "checking" });
        setVerdict({ state: "done", check: await checkLookup(answer.tracking_code, answer.block, answer.proof) });
      },
      {
        clientErrors,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 404) {
            form.setErrors({ tracking_code: t("board.errors.notFound") });
            notices.alert("lookup", (tr) => tr("board.notFound"));
            return true;
          }
          return false;
        },
      },
    );
  };

  useEffect(() => {
    if (!code) return;
    // Out of the address bar (and this history entry) once read: the code stays the voter's.
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    find(code);
  }, []);

  return (
    <section class="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t("board.lookupTitle")}</h2>
      <form
        ref={form.formRef}
        noValidate
        role="search"
        class="inline-search"
        onSubmit={(e) => {
          e.preventDefault();
          find(code);
        }}
      >
        <TextField
          id="board-tracking_code"
          name="tracking_code"
          label={t("board.codeLabel")}
          hint={t("board.codeHint")}
          value={code}
          onValue={setCode}
          autoComplete="off"
          spellcheck={false}
          maxLength={40}
          error={form.errors.tracking_code}
        />
        <button type="submit" data-testid="find-code" disabled={form.busy}>
          {t("board.find")}
        </button>
      </form>
      <Notice notices={notices} owner="lookup" />
      {found ? (
        <div class="lookup-result" role="status" data-testid="lookup-result" data-sealed={found.sealed ? "true" : "false"}>
          {found.sealed && found.block ? (
            <>
              <p>
                <strong>{t("board.sealedIn", { index: found.block.index, time: formatEventTime(found.block.sealed_at, lang) })}</strong>
              </p>
              <ProofVerdict verdict={verdict} />
            </>
          ) : (
            <p>
              <strong>{t("board.received")}</strong> {t("board.receivedHint")}
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function ProofVerdict(props: { verdict: Verdict | null }) {
  const { t } = useI18n();
  const { verdict } = props;
  if (!verdict || verdict.state === "checking") return <p class="muted">{t("board.checking")}</p>;
  if (verdict.state === "unavailable") return <p data-testid="proof-unchecked">{t("board.proofUnavailable")}</p>;
  const ok = verdict.check.inRoot && verdict.check.blockIntact;
  return ok ? (
    <p class="proof-ok" data-testid="proof-verified">
      <span aria-hidden="true">✓ </span>
      {t("board.proofVerified")}
    </p>
  ) : (
    <p class="proof-bad" data-testid="proof-failed">
      {verdict.check.inRoot ? t("board.blockHashFailed") : t("board.proofFailed")}
    </p>
  );
}
