/** Payload types for the WeCom APIs we call (wecom-platform.md §5, §7, §8, §9). Field names are WeCom's. */

/** Recipients. Our arrays are pipe-joined on the wire; `agentid` is filled in by the client. */
export interface MessageTarget {
  /** ≤1000 userids; '@all' alone means everyone in the app's visibility. */
  touser: string[];
  /** ≤100 department ids. */
  toparty?: string[];
  /** ≤100 tag ids. */
  totag?: string[];
  /** 1 = no forwarding, watermark. */
  safe?: 0 | 1;
  /** Replace `$userName=USERID$` and friends in the content. */
  enable_id_trans?: 0 | 1;
  /** WeCom drops byte-identical requests inside the interval; keep content unique if you enable it. */
  enable_duplicate_check?: 0 | 1;
  /** Seconds, ≤14400 (default 1800). */
  duplicate_check_interval?: number;
}

export interface TextMessage {
  msgtype: 'text';
  /** ≤2048 UTF-8 bytes: split longer text with splitUtf8. */
  text: { content: string };
}

/** Not rendered in the WeChat plugin: staff only. */
export interface MarkdownMessage {
  msgtype: 'markdown';
  markdown: { content: string };
}

export interface TextCardMessage {
  msgtype: 'textcard';
  /** title ≤128 B, description ≤512 B (supports <div class="gray|highlight|normal">), url ≤2048 B, btntxt ≤4 chars. */
  textcard: { title: string; description: string; url: string; btntxt?: string };
}

export interface TemplateCardMessage {
  msgtype: 'template_card';
  template_card: TemplateCard;
}

/** media_id from media/upload (valid 3 days). */
export interface ImageMessage {
  msgtype: 'image';
  image: { media_id: string };
}

/** media_id from media/upload with type=file; the upload's filename is what recipients see. */
export interface FileMessage {
  msgtype: 'file';
  file: { media_id: string };
}

export type MessageSendBody = MessageTarget &
  (TextMessage | MarkdownMessage | TextCardMessage | TemplateCardMessage | ImageMessage | FileMessage);

export interface CardSource {
  icon_url?: string;
  desc?: string;
  /** 0 grey, 1 black, 2 red, 3 green. */
  desc_color?: 0 | 1 | 2 | 3;
}

export interface CardActionMenu {
  desc?: string;
  /** 1..3 entries; key ≤1024 B. */
  action_list: { text: string; key: string }[];
}

export interface CardMainTitle {
  /** ≤36 chars. */
  title?: string;
  /** ≤44 chars. */
  desc?: string;
}

/** 0 none, 1 url, 2 mini program. */
export interface CardAction {
  type: 0 | 1 | 2;
  url?: string;
  appid?: string;
  pagepath?: string;
}

export interface CardEmphasisContent {
  title?: string;
  desc?: string;
}

export interface CardQuoteArea {
  type?: 0 | 1 | 2;
  url?: string;
  appid?: string;
  pagepath?: string;
  title?: string;
  quote_text?: string;
}

/** type 1 url, 2 attachment (media_id), 3 member card (userid). */
export interface CardHorizontalContent {
  type?: 0 | 1 | 2 | 3;
  keyname: string;
  value?: string;
  url?: string;
  media_id?: string;
  userid?: string;
}

export interface CardJump {
  type?: 0 | 1 | 2;
  title: string;
  url?: string;
  appid?: string;
  pagepath?: string;
}

export interface CardOption {
  /** ≤128 B. */
  id: string;
  text: string;
}

export interface CardSelect {
  question_key: string;
  title?: string;
  selected_id?: string;
  /** ≤10 options. */
  option_list: CardOption[];
}

export interface CardSubmitButton {
  text: string;
  key: string;
}

interface CardCommon {
  source?: CardSource;
  main_title?: CardMainTitle;
  /** When set, task_id is required and the card calls back. */
  action_menu?: CardActionMenu;
  /** ≤128 B of [0-9a-zA-Z_-@], unique per app forever. */
  task_id?: string;
}

interface CardBody {
  quote_area?: CardQuoteArea;
  sub_title_text?: string;
  /** ≤6 entries. */
  horizontal_content_list?: CardHorizontalContent[];
  /** ≤3 entries. */
  jump_list?: CardJump[];
}

export interface TextNoticeCard extends CardCommon, CardBody {
  card_type: 'text_notice';
  card_action: CardAction;
  emphasis_content?: CardEmphasisContent;
}

export interface NewsNoticeCard extends CardCommon, CardBody {
  card_type: 'news_notice';
  card_action: CardAction;
  card_image?: { url: string; aspect_ratio?: number };
  image_text_area?: { type?: 0 | 1 | 2; url?: string; title?: string; desc?: string; image_url: string };
  /** ≤4 entries. */
  vertical_content_list?: { title: string; desc?: string }[];
}

export interface CardButton {
  /** ≤10 chars. */
  text: string;
  /** 1–4. */
  style?: 1 | 2 | 3 | 4;
  /** 0 callback (key required, ≤1024 B), 1 url. */
  type?: 0 | 1;
  key?: string;
  url?: string;
}

export interface ButtonInteractionCard extends CardCommon, CardBody {
  card_type: 'button_interaction';
  task_id: string;
  button_selection?: CardSelect;
  /** ≤6 buttons. */
  button_list: CardButton[];
}

export interface VoteInteractionCard extends CardCommon {
  card_type: 'vote_interaction';
  task_id: string;
  checkbox: {
    question_key: string;
    /** 0 single, 1 multiple. */
    mode?: 0 | 1;
    /** 1..20 options. */
    option_list: (CardOption & { is_checked?: boolean })[];
  };
  submit_button: CardSubmitButton;
}

export interface MultipleInteractionCard extends CardCommon {
  card_type: 'multiple_interaction';
  task_id: string;
  /** ≤3 selects. */
  select_list: CardSelect[];
  submit_button: CardSubmitButton;
}

export type TemplateCard =
  | TextNoticeCard
  | NewsNoticeCard
  | ButtonInteractionCard
  | VoteInteractionCard
  | MultipleInteractionCard;

export interface MessageSendResult {
  /** '' when WeCom rejected every recipient (81013): nothing was sent, nothing to recall. */
  msgid: string;
  /** Recipients WeCom did not accept (usually outside the app's visibility), in the caller's spelling. */
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
  /** In visibility but without an API licence (third-party/agency apps). */
  unlicensedUsers: string[];
  /** Only for callback-capable cards: lets update_template_card change every recipient's copy (once, 72 h). */
  responseCode?: string;
}

export interface UpdateTemplateCardParams {
  /** ≤1000 users whose copy of the card changes. */
  userids: string[];
  /** From the send result or the template_card_event; single use, 72 h. */
  responseCode: string;
  /** Grey out the buttons with this text (button/vote/multiple cards). Exactly one of replaceName / templateCard. */
  replaceName?: string;
  /** Replace the whole card. */
  templateCard?: Record<string, unknown>;
}

export type MediaType = 'image' | 'voice' | 'video' | 'file';

export interface DownloadedMedia {
  data: Buffer;
  contentType: string;
  filename: string | null;
}

/** user/get for a self-built app created after 2022-06-20: no mobile, email, avatar or gender. */
export interface WecomUser {
  userid: string;
  name: string;
  department: number[];
  main_department?: number;
  position?: string;
  alias?: string;
  telephone?: string;
  /** 1 active, 2 disabled, 4 not activated, 5 left. */
  status?: number;
  is_leader_in_dept?: number[];
  direct_leader?: string[];
  order?: number[];
  extattr?: unknown;
}

export type MenuButton =
  | {
      type:
        | 'click'
        | 'scancode_push'
        | 'scancode_waitmsg'
        | 'pic_sysphoto'
        | 'pic_photo_or_album'
        | 'pic_weixin'
        | 'location_select';
      name: string;
      key: string;
    }
  | { type: 'view'; name: string; url: string }
  | { type: 'view_miniprogram'; name: string; appid: string; pagepath: string };

/** 1–3 top-level buttons (name ≤16 B), each either an action or 1–5 sub-buttons (name ≤40 B). */
export interface WecomMenu {
  button: (MenuButton | { name: string; sub_button: MenuButton[] })[];
}
