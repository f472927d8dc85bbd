/**
 * Audience questions per agenda item: asked by anyone signed in (optionally without their name
 * shown to others; moderators always see it), upvoted once per person, shown most-voted first.
 * A meeting may require approval before a question shows; moderators approve, hide with a
 * reason (kept in the moderation log) and mark questions answered.
 */

import type { AuditAction } from '../../../shared/auditActions.ts';
import { byVotes, FLOOR_LIMITS, type FloorMeta, type Question } from '../../../shared/schemas/floor.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/appError.ts';
import { readAgenda } from '../meetingRecord/agendaDocument.ts';
import type { RunService } from '../meetingRecord/run/runService.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { AttendanceStore } from './attendanceStore.ts';
import { auditItem } from './auditItem.ts';
import type { FloorLiveUpdates } from './floorLiveUpdates.ts';
import { floorPolicy } from './floorPolicy.ts';
import type { FloorStore } from './floorStore.ts';
import { newFloorId } from './floorStore.ts';
import { publicQuestion, type QuestionRecord, type QuestionStore } from './questionStore.ts';

const SHOWN = new Set(['visible', 'answered']);

export interface QuestionServiceOptions {
  store: Store;
  questions: QuestionStore;
  attendance: AttendanceStore;
  floor: FloorStore;
  run: RunService;
  live: FloorLiveUpdates;
}

export class QuestionService {
  private readonly options: QuestionServiceOptions;

  constructor(options: QuestionServiceOptions) {
    this.options = options;
  }

  /** Questions as `user` may see them: approved ones, plus their own, plus every one for a moderator. */
  async list(meetingId: string, user: User, itemId?: string): Promise<Question[]> {
    await this.requireMeeting(meetingId);
    const moderator = floorPolicy.moderateQuestions(user);
    const [all, voted] = await Promise.all([
      this.options.questions.list(meetingId, itemId),
      this.options.questions.votesOf(meetingId, user.id),
    ]);
    return all
      .filter((question) => moderator || SHOWN.has(question.status) || question.authorId === user.id)
      .sort(byVotes)
      .map((question) => this.personal(question, user, voted.has(question.id)));
  }

  async ask(meetingId: string, user: User, body: { text: string; anonymous?: boolean; itemId?: string }): Promise<Question> {
    await this.requireMeeting(meetingId);
    if (!floorPolicy.ask(user)) throw forbidden();
    const text = body.text.trim();
    if (!hasVisibleText(text)) throw badRequest('text: the question is empty.', { field: 'text' });
    const itemId = body.itemId ?? (await this.options.run.state(meetingId)).currentItem ?? '';
    if (itemId) {
      const { items } = await readAgenda(this.options.store.documents, meetingId);
      if (!items.some((item) => item.id === itemId))
        throw badRequest('itemId: there is no such item on the agenda.', { field: 'itemId' });
    }
    const { questionsNeedApproval } = await this.options.attendance.settings(meetingId);
    const id = newFloorId();
    await this.options.store.db.transaction(async (tx) => {
      await this.options.questions.insert(tx, {
        id,
        meetingId,
        itemId,
        authorId: user.id,
        text,
        anonymous: body.anonymous ?? false,
        status: questionsNeedApproval ? 'pending' : 'visible',
        createdAt: Date.now(),
      });
      await this.options.store.audit.record(
        {
          actorId: user.id,
          action: 'question.asked',
          subject: `question:${id}`,
          detail: { meetingId, ...auditItem(itemId), anonymous: body.anonymous ?? false },
        },
        tx,
      );
    });
    this.options.live.question(meetingId, id);
    return this.personal((await this.options.questions.byId(id))!, user, false);
  }

  /** Upvotes (idempotent: the row's key is the person). Only shown, unanswered questions take votes. */
  async vote(questionId: string, user: User, up: boolean): Promise<{ votes: number; voted: boolean }> {
    const question = await this.options.questions.byId(questionId);
    if (!question || !this.canSee(question, user)) throw notFound('The question');
    if (question.status !== 'visible') {
      throw new AppError(
        'QUESTION_NOT_OPEN',
        question.status === 'answered' ? 'This question has been answered.' : 'This question is not shown yet.',
      );
    }
    if (up) await this.options.questions.vote(questionId, user.id, Date.now());
    else await this.options.questions.unvote(questionId, user.id);
    this.options.live.question(question.meetingId, questionId);
    return { votes: await this.options.questions.voteCount(questionId), voted: up };
  }

  approve(questionId: string, user: User): Promise<Question> {
    return this.moderate(questionId, user, ['pending'], 'visible', 'question.approved', { approvedBy: user.id });
  }

  answered(questionId: string, user: User): Promise<Question> {
    return this.moderate(questionId, user, ['pending', 'visible'], 'answered', 'question.answered', { answeredAt: Date.now() });
  }

  async hide(questionId: string, user: User, reason: string): Promise<Question> {
    const trimmed = reason.trim();
    if (!hasVisibleText(trimmed)) throw badRequest('reason: say why the question is hidden.', { field: 'reason' });
    return this.moderate(questionId, user, ['pending', 'visible', 'answered'], 'hidden', 'question.hidden', {
      hiddenReason: trimmed,
    });
  }

  async setApproval(meetingId: string, user: User, requireApproval: boolean): Promise<FloorMeta> {
    await this.requireMeeting(meetingId);
    if (!floorPolicy.moderateQuestions(user))
      throw forbidden('Only the secretariat or the chair may change how questions are moderated.');
    await this.options.store.db.transaction(async (tx) => {
      // Asked for what is already so (a second click, two tabs, two identical requests at once):
      // the UPDATE changes no row, and nothing is recorded.
      if (!(await this.options.attendance.setQuestionsNeedApproval(tx, meetingId, requireApproval, user.id, Date.now()))) return;
      await this.options.store.audit.record(
        { actorId: user.id, action: 'questions.approval', subject: `meeting:${meetingId}`, detail: { requireApproval } },
        tx,
      );
    });
    this.options.live.meta(meetingId);
    return this.meta(meetingId);
  }

  async moderationLog(meetingId: string, user: User) {
    await this.requireMeeting(meetingId);
    if (!floorPolicy.moderateQuestions(user)) throw forbidden('Only the secretariat or the chair see the moderation log.');
    return this.options.questions.moderationLog(meetingId);
  }

  async meta(meetingId: string): Promise<FloorMeta> {
    const [pendingByItem, settings, defaults] = await Promise.all([
      this.options.questions.pendingByItem(meetingId),
      this.options.attendance.settings(meetingId),
      this.options.floor.settings(meetingId, ''),
    ]);
    return {
      pendingQuestions: Object.values(pendingByItem).reduce((sum, count) => sum + count, 0),
      pendingByItem,
      questionsNeedApproval: settings.questionsNeedApproval,
      defaultLimitSeconds: defaults.limitSeconds ?? FLOOR_LIMITS.defaultSeconds,
    };
  }

  /** The live document's entry: undefined (absent) unless the question is shown to everyone. */
  async publicView(questionId: string): Promise<Question | undefined> {
    const question = await this.options.questions.byId(questionId);
    return question && SHOWN.has(question.status) ? publicQuestion(question) : undefined;
  }

  async publicList(meetingId: string): Promise<Question[]> {
    return (await this.options.questions.list(meetingId)).filter((question) => SHOWN.has(question.status)).map(publicQuestion);
  }

  /** Answered questions of a meeting (the pack). */
  async answeredQuestions(meetingId: string): Promise<QuestionRecord[]> {
    return (await this.options.questions.list(meetingId)).filter((question) => question.status === 'answered').sort(byVotes);
  }

  private async moderate(
    questionId: string,
    user: User,
    from: QuestionRecord['status'][],
    to: QuestionRecord['status'],
    action: AuditAction,
    extra: { approvedBy?: string; answeredAt?: number; hiddenReason?: string },
  ): Promise<Question> {
    if (!floorPolicy.moderateQuestions(user)) throw forbidden('Only the secretariat or the chair moderate questions.');
    const question = await this.options.questions.byId(questionId);
    if (!question) throw notFound('The question');
    await this.options.store.db.transaction(async (tx) => {
      if (!(await this.options.questions.setStatus(tx, questionId, from, to, extra))) {
        throw new AppError(
          'CONFLICT',
          `This question is ${question.status}; it cannot be ${to === 'visible' ? 'approved' : `marked ${to}`}.`,
        );
      }
      if (to === 'hidden') {
        await this.options.questions.recordModeration(tx, {
          meetingId: question.meetingId,
          questionId,
          action: 'hide',
          actorId: user.id,
          reason: extra.hiddenReason!,
          at: Date.now(),
        });
      }
      await this.options.store.audit.record(
        {
          actorId: user.id,
          action,
          subject: `question:${questionId}`,
          detail: { meetingId: question.meetingId, ...(extra.hiddenReason ? { reason: extra.hiddenReason } : {}) },
        },
        tx,
      );
    });
    this.options.live.question(question.meetingId, questionId);
    const voted = (await this.options.questions.votesOf(question.meetingId, user.id)).has(questionId);
    return this.personal((await this.options.questions.byId(questionId))!, user, voted);
  }

  private canSee(question: QuestionRecord, user: User): boolean {
    return SHOWN.has(question.status) || question.authorId === user.id || floorPolicy.moderateQuestions(user);
  }

  /** A question as one person sees it: moderators and the author see who asked. */
  private personal(question: QuestionRecord, user: User, voted: boolean): Question {
    const named = !question.anonymous || question.authorId === user.id || floorPolicy.moderateQuestions(user);
    return {
      ...publicQuestion(question),
      ...(named ? { authorId: question.authorId, authorName: question.authorName } : {}),
      ...(question.hiddenReason && floorPolicy.moderateQuestions(user) ? { hiddenReason: question.hiddenReason } : {}),
      voted,
      mine: question.authorId === user.id,
    };
  }

  private async requireMeeting(meetingId: string): Promise<void> {
    if (!(await this.options.store.meetings.byId(meetingId))) throw notFound('The meeting');
  }
}
