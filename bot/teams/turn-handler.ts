// The one entry for every inbound activity after authentication: checks the tenant, drops
// activities Teams delivered twice, identifies the user, and routes to messages, card actions
// and installation events. Written as plain dispatch rather than an ActivityHandler subclass so
// that the SDK surface stays small.

import { ActivityTypes, CardFactory, MessageFactory, TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import { recordSender } from '../app/contacts/sender-contact';
import { claimWelcome, markPersonalChatRemoved, recordInstallation } from '../app/contacts/installations';
import { captureRoster } from '../app/contacts/roster-capture';
import type { AppDeps } from '../app/deps';
import { firstDelivery } from '../app/inbox';
import { promptOpenRounds } from '../app/rounds/open-rounds';
import { auditRefusal, type ActivityRefusal } from '../app/door-refusals';
import type { Contact } from '../domain/contact';
import { contactAddresses } from '../domain/contact';
import { localeFrom, type Locale } from '../domain/locale';
import { t, type MessageKey } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { showStoredAnswer } from './answer-actions';
import { cardLocale, cardVerbAnsweredInAnyChat, handleCardAction, isCardVerb, runsAgainWhenRedelivered } from './card-actions';
import { answeredInAnyChat, isCoordinatorCommand, runCommand, type CommandTurn } from './command-table';
import { parseCommand } from './commands';
import type { CoordinatorOptions } from './coordinator-commands';
import { isPersonalConversation, reachFromPersonalActivity, tenantOf } from './reach';
import { DEFAULT_DOWNLOAD_RULES, receiveRegisterFile, registerFileOf } from './register-upload';
import { isTemplateFile, receiveTemplateFile } from './template-upload';
import { invokeBody, messageBody, replyActivity, sendInvokeResponse, type CardReply } from './replies';
import { allMembers, contactFromMember } from './teams-directory';
import { errorMessage, statusCodeOf } from '../domain/errors';

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
      log.error('turn.failed', { type: activity.type, error: errorMessage(err) });
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
  async function refuseActivity(context: TurnContext, action: ActivityRefusal['action'], subject: string): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, 403, undefined);
    await auditRefusal(deps, { action, subject, claimedSender: claimedSenderOf(activity), activityType: activity.type });
  }

  /** False for an activity Teams delivered before (it redelivers when a reply was slow). */
  function firstTime(activity: Activity): Promise<boolean> {
    return firstDelivery(deps, { conversationId: activity.conversation.id, id: activity.id, type: activity.type, sentAt: sentAtOf(activity) });
  }

  /** The sender's contact, kept up to date (the roster is asked for what the activity lacks). */
  async function identify(context: TurnContext): Promise<{ contact: Contact; before: Contact | undefined }> {
    const activity = context.activity;
    const seen = {
      aadObjectId: activity.from.aadObjectId ?? activity.from.id,
      teamsUserId: activity.from.id,
      name: activity.from.name,
      tenantId: tenantOf(activity),
      locale: activity.locale,
      personalChat: isPersonalConversation(activity) ? reachFromPersonalActivity(activity) : undefined,
    };
    return recordSender(deps, seen, async () => {
      try {
        return await TeamsInfo.getMember(context, activity.from.id);
      } catch (err) {
        log.warn('member.lookup-failed', { statusCode: statusCodeOf(err) });
        return undefined;
      }
    });
  }

  function actorOf(contact: Contact): Actor {
    return { aadObjectId: contact.aadObjectId, name: contact.name, addresses: contactAddresses(contact) };
  }

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!(await firstTime(activity))) return;
    const locale = localeFrom(activity.locale);
    const { contact } = await identify(context);
    const personal = isPersonalConversation(activity);
    // A file sent to the bot: a coordinator's new register, previewed before anything changes.
    const file = registerFileOf(activity);
    if (file) {
      if (!personal) {
        await context.sendActivity(t(locale, 'uploadPersonalOnly'));
        return;
      }
      const rules = { ...DEFAULT_DOWNLOAD_RULES, ...options.coordinator.uploads };
      const receive = isTemplateFile(file) ? receiveTemplateFile : receiveRegisterFile;
      const reply = await receive(deps, rules, actorOf(contact), file, locale);
      await context.sendActivity(replyActivity(reply));
      return;
    }
    // botbuilder's mention removal calls text.replace: only for text (a card submit may have none).
    const command = parseCommand(typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) : '');
    const turn: CommandTurn = {
      deps,
      options: options.coordinator,
      activity,
      actor: actorOf(contact),
      locale,
      personal,
      reply: async (answer) => {
        await context.sendActivity(replyActivity(answer));
      },
    };
    if (answeredInAnyChat(command) && !activity.value) return runCommand(turn, command);
    if (!personal) {
      // Every other command is personal (see command-table.ts): in a channel or group chat the
      // sender is pointed to the 1:1 chat.
      await context.sendActivity(t(locale, 'personalOnly'));
      return;
    }
    if (activity.value && typeof activity.value === 'object') return onCardSubmit(context, contact, locale);
    if (!isCoordinatorCommand(command)) return runCommand(turn, command);
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
      log.warn('card.update-failed', { statusCode: statusCodeOf(err) });
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
    // A card posted in a channel (the overview) is answered there; every other card lives in the 1:1 chat.
    if (!isPersonalConversation(activity) && !cardVerbAnsweredInAnyChat(action.verb)) {
      await sendInvokeResponse(context, 200, messageBody(t(locale, 'personalOnly')));
      return;
    }
    const { contact } = await identify(context);
    // A redelivered control or coordinator's action runs again (see runsAgainWhenRedelivered);
    // a redelivered answer shows what was stored the first time.
    const first = await firstTime(activity);
    const reply: CardReply = first || runsAgainWhenRedelivered(action.verb)
      ? await handleCardAction(deps, actorOf(contact), { verb: action.verb, data }, locale, activity.id)
      : await showStoredAnswer(deps, { actor: actorOf(contact), data, locale, activityId: activity.id });
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
      if (await claimWelcome(deps, conversationId)) await context.sendActivity(t(locale, key));
    };

    if (isPersonalConversation(activity)) {
      if (removed) {
        // The 1:1 chat is gone: keep the record, but stop sending to it.
        await markPersonalChatRemoved(deps, activity.from.aadObjectId ?? activity.from.id);
        log.info('installation.removed', { kind: 'personal' });
        return;
      }
      const { before } = await identify(context);
      await greetOnce(activity.conversation.id, 'welcomePersonal');
      // Someone who installs the app while a round is open gets their cards at once.
      if (!before?.conversation || before.stale) await promptOpenRounds(deps);
      return;
    }

    const team = (activity.channelData as { team?: { id?: string; name?: string } } | undefined)?.team;
    const conversationId = team?.id ?? activity.conversation.id;
    await recordInstallation(deps, {
      conversationId,
      kind: team ? 'team' : 'groupChat',
      tenantId: tenantOf(activity),
      name: team?.name,
      reference: TurnContext.getConversationReference(activity),
      removed,
    });
    log.info(removed ? 'installation.removed' : 'installation.added', { kind: team ? 'team' : 'groupChat', conversation: conversationId });
    if (removed) return;
    await greetOnce(conversationId, 'welcomeTeam');
    await captureRoster(deps, () => readRoster(context));
  }

  /** The members of the team or chat, as contacts reachable through it (no 1:1 chat yet). */
  async function readRoster(context: TurnContext) {
    const activity = context.activity;
    try {
      const members = await allMembers(context);
      const reach = {
        serviceUrl: activity.serviceUrl,
        channelId: activity.channelId,
        bot: { id: activity.recipient.id, name: activity.recipient.name },
        tenantId: tenantOf(activity),
      };
      const contacts = members.flatMap((member) => contactFromMember(member, reach, deps.clock.now()) ?? []);
      return { memberCount: members.length, contacts };
    } catch (err) {
      log.warn('roster.lookup-failed', { statusCode: statusCodeOf(err) });
      return undefined;
    }
  }
}

/** When the channel sent the activity, if it says so in a readable form (the same on a redelivery). */
function sentAtOf(activity: Activity): Date | undefined {
  const sentAt = activity.timestamp ? new Date(activity.timestamp) : undefined;
  return sentAt && !Number.isNaN(sentAt.getTime()) ? sentAt : undefined;
}
