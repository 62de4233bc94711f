// The one entry for every inbound activity after authentication: checks the tenant, drops
// activities Teams delivered twice, identifies the user, and routes to messages, card actions
// and installation events. Written as plain dispatch rather than an ActivityHandler subclass so
// that the SDK surface stays small.

import { ActivityTypes, CardFactory, MessageFactory, TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import { buildAnswerCard } from '../../cards/answer-card';
import type { AppDeps } from '../app/deps';
import { listOwnPlans, unsubmitted, type OwnRound } from '../app/officer/officer-plans';
import { promptOpenRounds } from '../app/rounds/open-rounds';
import { auditRefusal, type Refusal } from '../app/refusals';
import { emptyContent } from '../domain/answer';
import type { Contact } from '../domain/contact';
import { contactAddresses } from '../domain/contact';
import { localeFrom, type Locale } from '../domain/locale';
import { escapeMarkdown, t, type MessageKey } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { formatDate, formatDateTime } from '../domain/time';
import { textIn } from './card-data';
import { cardLocale, handleCardAction, isAdminVerb, isCardVerb, isControlVerb, showCurrent, type CardReply } from './card-actions';
import { isPersonalConversation, reachFromPersonalActivity, tenantOf } from './reach';
import { allMembers, contactFromMember, type RosterMember } from './teams-messenger';
import { parseCommand } from './commands';
import { isCoordinatorCommand, runCoordinatorCommand, type CoordinatorOptions } from './coordinator-commands';
import { plansCommandReply } from './plan-admin-actions';
import { roundsCommandReply } from './round-admin-actions';
import { DEFAULT_DOWNLOAD_RULES, receiveRegisterFile, registerFileOf } from './register-upload';

export interface TurnHandlerOptions {
  deps: AppDeps;
  /** Tenants whose users may use the bot; `any` only in local mode. */
  allowedTenants: string[] | 'any';
  coordinator: CoordinatorOptions;
}

/** Who the activity says it is from: an id the bot has not verified. */
function claimedSenderOf(activity: Activity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

export function createTurnHandler(options: TurnHandlerOptions): (context: TurnContext) => Promise<void> {
  const { deps } = options;
  const { log } = deps;

  const tenantAllowed = (activity: Activity): boolean => {
    if (options.allowedTenants === 'any') return true;
    const tenant = tenantOf(activity);
    return !!tenant && options.allowedTenants.includes(tenant);
  };

  return async (context) => {
    const activity = context.activity;
    // Only Teams: other channels of the Azure Bot resource (Web Chat, Direct Line) let the client
    // write channelData and ids, so neither the tenant nor the user could be trusted.
    if (activity.channelId !== 'msteams') {
      log.warn('activity.channel-refused', { channel: activity.channelId, claimedSender: claimedSenderOf(activity) });
      return refuseActivity(context, 'activity.channel-refused', `channel:${activity.channelId}`);
    }
    if (!tenantAllowed(activity)) {
      const tenant = tenantOf(activity) ?? 'none';
      log.warn('activity.tenant-refused', { type: activity.type, tenant, claimedSender: claimedSenderOf(activity) });
      return refuseActivity(context, 'activity.tenant-refused', `tenant:${tenant}`);
    }
    try {
      switch (activity.type) {
        case ActivityTypes.Message:
          return await onMessage(context);
        case ActivityTypes.Invoke:
          return await onInvoke(context);
        case ActivityTypes.ConversationUpdate:
        case ActivityTypes.InstallationUpdate:
          return await onInstallation(context);
        default:
          return;
      }
    } catch (err) {
      // The one place an unexpected failure is logged; the user gets a sentence, not a trace.
      log.error('turn.failed', { type: activity.type, error: err instanceof Error ? err.message : String(err) });
      // Only a card action may have lost an answer; a typed command just failed.
      const text = t(localeFrom(activity.locale), activity.type === ActivityTypes.Invoke || activity.value ? 'failed' : 'commandFailed');
      if (activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, 200, messageBody(text));
      else if (activity.type === ActivityTypes.Message) await context.sendActivity(text);
    }
  };

  /**
   * An activity from outside what the bot serves: an invoke is answered 403, nothing else is
   * done, and the refusal is audited (after the answer, which holds even if the audit fails),
   * once an hour per sender and reason.
   */
  async function refuseActivity(context: TurnContext, action: Refusal['action'], subject: string): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, 403, undefined);
    await auditRefusal(deps, { action, subject, claimedSender: claimedSenderOf(activity), activityType: activity.type });
  }

  /** True the first time an activity is seen; Teams redelivers when a reply was slow. */
  async function firstDelivery(activity: Activity): Promise<boolean> {
    if (!activity.id) return true;
    const first = await deps.stores.inbox.claim(activity.conversation.id, activity.id, deps.clock.now());
    if (!first) log.info('activity.duplicate', { type: activity.type, activity: activity.id });
    return first;
  }

  async function identify(context: TurnContext): Promise<Contact> {
    const activity = context.activity;
    const key = activity.from.aadObjectId ?? activity.from.id;
    const known = await deps.stores.contacts.get(key);
    const isPersonal = isPersonalConversation(activity);
    let member: { name?: string; email?: string; userPrincipalName?: string } | undefined;
    if (!known || contactAddresses(known).length === 0) {
      try {
        member = await TeamsInfo.getMember(context, activity.from.id);
      } catch (err) {
        log.warn('member.lookup-failed', { statusCode: (err as { statusCode?: number }).statusCode });
      }
    }
    const contact: Contact = {
      aadObjectId: key,
      teamsUserId: activity.from.id,
      name: member?.name ?? activity.from.name ?? known?.name ?? '',
      upn: member?.userPrincipalName ?? known?.upn,
      email: member?.email ?? known?.email,
      tenantId: tenantOf(activity) ?? known?.tenantId,
      locale: activity.locale ?? known?.locale,
      conversation: isPersonal ? reachFromPersonalActivity(activity) : known?.conversation,
      updatedAt: deps.clock.now(),
    };
    const { updatedAt: _a, ...next } = contact;
    const { updatedAt: _b, ...before } = known ?? ({} as Contact);
    if (JSON.stringify(next) !== JSON.stringify(before)) await deps.stores.contacts.save(contact);
    return contact;
  }

  function actorOf(contact: Contact): Actor {
    return { aadObjectId: contact.aadObjectId, name: contact.name, addresses: contactAddresses(contact) };
  }

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!(await firstDelivery(activity))) return;
    const locale = localeFrom(activity.locale);
    const contact = await identify(context);
    // A file sent to the bot: a coordinator's new register, previewed before anything changes.
    const file = registerFileOf(activity);
    if (file) {
      if (!isPersonalConversation(activity)) {
        await context.sendActivity(t(locale, 'uploadPersonalOnly'));
        return;
      }
      const rules = { ...DEFAULT_DOWNLOAD_RULES, ...options.coordinator.uploads };
      const reply = await receiveRegisterFile(deps, rules, actorOf(contact), file, locale);
      await context.sendActivity(replyActivity(reply));
      return;
    }
    // botbuilder's mention removal calls text.replace: only for text (a card submit may have none).
    const command = parseCommand(typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) : '');
    if (command.name === 'plans' && !activity.value) {
      const reply = await plansCommandReply(deps, actorOf(contact), locale, isPersonalConversation(activity));
      await context.sendActivity(replyActivity(reply));
      return;
    }
    if ((command.name === 'newRound' || command.name === 'rounds') && !activity.value) {
      const personal = isPersonalConversation(activity);
      const reply = await roundsCommandReply(deps, actorOf(contact), locale, personal, command.name, options.coordinator.timeZone);
      await context.sendActivity(replyActivity(reply));
      return;
    }
    if (isCoordinatorCommand(command) && !activity.value) {
      await context.sendActivity(await runCoordinatorCommand(deps, options.coordinator, context, actorOf(contact), command, locale));
      return;
    }
    if (!isPersonalConversation(activity)) {
      // An officer's plans, drafts and answers are personal: in a channel or group chat only
      // help and the coordinator's commands are answered.
      await context.sendActivity(t(locale, command.name === 'help' && !activity.value ? 'help' : 'personalOnly'));
      return;
    }
    if (activity.value && typeof activity.value === 'object') return onCardSubmit(context, contact, locale);

    switch (command.name) {
      case 'help':
        await context.sendActivity(t(locale, 'help'));
        return;
      case 'myPlans':
        await context.sendActivity(describeOwnPlans(await listOwnPlans(deps, actorOf(contact)), locale));
        return;
      case 'answer':
        await sendOpenCards(context, actorOf(contact), locale);
        return;
      case 'unknown':
        await context.sendActivity(t(locale, 'unknownCommand'));
    }
  }

  async function sendOpenCards(context: TurnContext, actor: Actor, locale: Locale): Promise<void> {
    const rounds = await listOwnPlans(deps, actor);
    if (rounds.length === 0) {
      await context.sendActivity(t(locale, 'noOpenRound'));
      return;
    }
    for (const own of rounds) {
      const open = unsubmitted(own);
      if (own.plans.length === 0) {
        await context.sendActivity(t(locale, 'noPlans', { round: escapeMarkdown(own.round.title) }));
        continue;
      }
      if (open.length === 0) {
        await context.sendActivity(t(locale, 'nothingToAnswer', { round: escapeMarkdown(own.round.title) }));
        continue;
      }
      for (const { plan, progress } of open) {
        const draft = progress.state === 'draft' ? progress : undefined;
        // The draft's texts, read for the card that shows them (the progress carries none).
        const saved = draft && (await deps.stores.answers.current(own.round.id, plan.id))?.value.latest;
        const card = buildAnswerCard({
          locale,
          round: own.round,
          plan,
          content: saved?.content ?? emptyContent(),
          baseVersion: saved?.version ?? 0,
          notice: draft ? t(locale, 'draftBasedOn', { at: formatDateTime(draft.at, own.round.timeZone, locale) }) : undefined,
          now: deps.clock.now(),
        });
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      }
    }
  }

  function describeOwnPlans(rounds: OwnRound[], locale: Locale): string {
    if (rounds.length === 0) return t(locale, 'noOpenRound');
    return rounds
      .map(({ round, plans }) => {
        const title = escapeMarkdown(round.title);
        if (plans.length === 0) return t(locale, 'noPlans', { round: title });
        const lines = plans.map(({ plan, progress }) => {
          const at = progress.state === 'unanswered' ? '' : formatDateTime(progress.at, round.timeZone, locale);
          const state =
            progress.state === 'unanswered'
              ? t(locale, 'stateUnanswered')
              : t(locale, progress.state === 'draft' ? 'stateDraft' : 'stateSubmitted', { at });
          return `- ${escapeMarkdown(plan.title)}: ${state}`;
        });
        return [t(locale, 'myPlansHeading', { round: title, due: formatDate(round.dueAt, round.timeZone, locale) }), ...lines].join('\n');
      })
      .join('\n\n');
  }

  /** Action.Submit: the card's values arrive as a message; the card is replaced in place. */
  async function onCardSubmit(context: TurnContext, contact: Contact, locale: Locale): Promise<void> {
    const activity = context.activity;
    const data = activity.value as Record<string, unknown>;
    if (!isCardVerb(data.verb)) {
      await context.sendActivity(t(locale, 'unknownCommand'));
      return;
    }
    const reply = await handleCardAction(deps, actorOf(contact), { verb: data.verb, data }, cardLocale(data, locale), activity.id);
    if (reply.kind === 'text' || !activity.replyToId) {
      await context.sendActivity(replyActivity(reply));
      return;
    }
    const attachment = CardFactory.adaptiveCard(reply.card);
    try {
      await context.updateActivity({ type: ActivityTypes.Message, id: activity.replyToId, conversation: activity.conversation, attachments: [attachment] });
    } catch (err) {
      // The answer is stored already: show the result as a new message rather than an error.
      log.warn('card.update-failed', { statusCode: (err as { statusCode?: number }).statusCode });
      await context.sendActivity(MessageFactory.attachment(attachment));
    }
  }

  /** Action.Execute: answered with the new card in the invoke response. */
  async function onInvoke(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action') {
      await sendInvokeResponse(context, 200, {});
      return;
    }
    // botbuilder crashes on an adaptiveCard/action without value.action: validate first.
    const action = (activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)?.action;
    const data = action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : undefined;
    if (!action || action.type !== 'Action.Execute' || !isCardVerb(action.verb) || !data) {
      await sendInvokeResponse(context, 400, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unknown card action' } });
      return;
    }
    const locale = cardLocale(data, localeFrom(activity.locale));
    if (!isPersonalConversation(activity)) {
      await sendInvokeResponse(context, 200, messageBody(t(locale, 'personalOnly')));
      return;
    }
    const contact = await identify(context);
    // A redelivered control runs again (it stores the same values); a redelivered answer shows
    // what was stored the first time.
    const first = await firstDelivery(activity);
    // The coordinator's actions are safe to run again too: each finds its change already made
    // and says so (a preview is applied once).
    const reply: CardReply = first || isControlVerb(action.verb) || isAdminVerb(action.verb)
      ? await handleCardAction(deps, actorOf(contact), { verb: action.verb, data }, locale, activity.id)
      : await showCurrent(deps, { actor: actorOf(contact), roundId: textIn(data, 'roundId'), planId: textIn(data, 'planId') }, locale, 'confirmation');
    await sendInvokeResponse(context, 200, invokeBody(reply));
  }

  /**
   * The app was added or removed (installationUpdate, or the bot among conversationUpdate's
   * members). Teams sends both for one installation, so the greeting is claimed once per
   * conversation.
   */
  async function onInstallation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient.id;
    const added = activity.action?.startsWith('add') || (activity.membersAdded ?? []).some((m) => m.id === botId);
    const removed = activity.action?.startsWith('remove') || (activity.membersRemoved ?? []).some((m) => m.id === botId);
    if (!added && !removed) return;
    const locale = localeFrom(activity.locale);
    const greetOnce = async (conversationId: string, key: MessageKey) => {
      if (await deps.stores.inbox.claim(conversationId, 'welcome', deps.clock.now())) await context.sendActivity(t(locale, key));
    };

    if (isPersonalConversation(activity)) {
      const known = await deps.stores.contacts.get(activity.from.aadObjectId ?? activity.from.id);
      if (removed) {
        // The 1:1 chat is gone: keep the record, but stop sending to it.
        if (known) await deps.stores.contacts.save({ ...known, stale: true, updatedAt: deps.clock.now() });
        log.info('installation.removed', { kind: 'personal' });
        return;
      }
      await identify(context);
      await greetOnce(activity.conversation.id, 'welcomePersonal');
      // Someone who installs the app while a round is open gets their cards at once.
      if (!known?.conversation || known.stale) await promptOpenRounds(deps);
      return;
    }

    const team = (activity.channelData as { team?: { id?: string; name?: string } } | undefined)?.team;
    const conversationId = team?.id ?? activity.conversation.id;
    const now = deps.clock.now();
    await deps.stores.installations.save({
      conversationId,
      kind: team ? 'team' : 'groupChat',
      tenantId: tenantOf(activity),
      name: team?.name,
      reference: TurnContext.getConversationReference(activity),
      installedAt: now,
      removedAt: removed ? now : undefined,
    });
    log.info(removed ? 'installation.removed' : 'installation.added', { kind: team ? 'team' : 'groupChat', conversation: conversationId });
    if (removed) return;
    await greetOnce(conversationId, 'welcomeTeam');
    await captureRoster(context);
  }

  /** Register people in the roster become reachable: their 1:1 chat can be created when needed. */
  async function captureRoster(context: TurnContext): Promise<void> {
    const register = await deps.stores.registers.current();
    if (!register) return;
    const wanted = new Set(register.people.map((p) => p.id));
    let members: RosterMember[];
    try {
      members = await allMembers(context);
    } catch (err) {
      log.warn('roster.lookup-failed', { statusCode: (err as { statusCode?: number }).statusCode });
      return;
    }
    const activity = context.activity;
    let captured = 0;
    for (const member of members) {
      const contact = contactFromMember(member, {
        serviceUrl: activity.serviceUrl,
        channelId: activity.channelId,
        bot: { id: activity.recipient.id, name: activity.recipient.name },
        tenantId: tenantOf(activity),
      }, deps.clock.now());
      if (!contact || !contactAddresses(contact).some((a) => wanted.has(a))) continue;
      const known = await deps.stores.contacts.get(contact.aadObjectId);
      if (known?.conversation && !known.stale) continue; // already reachable 1:1
      await deps.stores.contacts.save(contact);
      captured++;
    }
    log.info('roster.captured', { members: members.length, captured });
  }

}

/** A reply as the message to send: the sentence, or the card as an attachment. */
function replyActivity(reply: CardReply): string | Partial<Activity> {
  return reply.kind === 'text' ? reply.text : MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}

/** A reply as the body of an Action.Execute's invoke response. */
function invokeBody(reply: CardReply) {
  return reply.kind === 'card' ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card } : messageBody(reply.text);
}

function messageBody(text: string) {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

async function sendInvokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
