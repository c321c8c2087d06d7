/**
 * Fixed replies. Plain text only: many members read the bot in the WeChat plugin, which shows no
 * markdown or cards. Short sentences, the next step spelled out.
 */
export const REPLY = {
  voice: '暂时听不懂语音，请您打字发给我，谢谢。',
  imageHeld: '图片收到了。接下来请用文字说明要办的事（例如「反映 5号楼下水道堵了」），我会把图片一起带上。',
  locationHeld: '位置收到了。接下来请用文字说明要办的事（例如「反映 这里井盖松了」），我会把位置一起带上。',
  unsupported: '暂不支持这种消息，请发送文字。发「帮助」可查看能办的事。',
  cancelled: '好的，已取消。',
  nothingToCancel: '现在没有进行中的事项。发「帮助」可查看能办的事。',
  cancelHint: '（回复「取消」可放弃）',
  failure: '抱歉，系统出了点问题，已经记录下来了。请稍后再试，急事请直接联系支部书记。',
  notDone: '抱歉，系统暂时出了故障，您刚才发的这条没有办成。请过一会儿再发一次，急事请直接联系支部书记。',
  notAllowed: '这项功能仅限支部书记等负责同志使用。发「帮助」可查看您能办的事。',
} as const;

export const welcome = (help: string) => `欢迎使用党建助手！\n${help}`;

export const notRegistered = (contact: string) =>
  `您好，系统里还没有您的登记信息。小区里的问题可以直接告诉我（例如「5号楼下水道堵了」），其他事项请先登记：${contact}。`;

export const didYouMean = (options: string[]) =>
  options.length > 0
    ? `没太明白您的意思。您是想${options.map((o) => `「${o}」`).join('或')}吗？可以直接发这几个字。`
    : '没太明白您的意思。发「帮助」可查看能办的事。';
