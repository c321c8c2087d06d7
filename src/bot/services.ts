import { commands } from '../commands/index.js';
import type { Deps } from '../deps.js';
import type { BotServices } from './context.js';
import { DialogueStore } from './dialogue.js';
import { FollowUpStore } from './follow-up.js';
import { HeldMediaStore } from './held-media.js';
import { PageStore } from './pages.js';
import { ConfirmationStore } from './pending-confirmation.js';
import { buildRegistry } from './registry.js';
import { SenderResolver } from './sender.js';

/** The conversation engine's long-lived parts; the registry is checked here, so a bad command stops start-up. */
export function createBotServices(deps: Deps): BotServices {
  return {
    models: deps.models,
    redis: deps.redis,
    outbound: deps.queues.outbound,
    complaintTimers: deps.queues.complaintTimers,
    wecom: deps.wecom,
    log: deps.log,
    now: deps.now,
    registry: buildRegistry(commands),
    senders: new SenderResolver(deps.models, deps.now, deps.wecom.kf),
    dialogues: new DialogueStore(deps.redis),
    followUps: new FollowUpStore(deps.redis),
    held: new HeldMediaStore(deps.redis),
    confirmations: new ConfirmationStore(deps.redis),
    pages: new PageStore(deps.redis),
    defaultTimeZone: deps.config.timeZone,
    desk: deps.config.desk,
  };
}
