/**
 * Traditional characters members type (黨費, 簽到, 請假, 記一下, 趙秀英) folded to the simplified ones the parsers
 * and lexicons are written in. One character for one, so offsets in the folded text are offsets in the input.
 * Only characters seen in members' messages and in common surnames: a full table is not needed for that.
 */
/** Pairs of traditional and simplified characters. */
const PAIRS =
  '黨党費费簽签請请學学習习記记錄录會会議议組组織织員员務务義义誌志願愿動动時时鐘钟頭头兩两個个週周' +
  '禮礼號号樓楼棟栋單单間间門门區区衛卫滲渗錢钱塊块轉转賬账現现銀银幫帮繳缴給给們们這这裡里裏里說说' +
  '話话問问麼么沒没嗎吗還还對对認认為为辦办進进過过讓让將将從从發发電电燈灯線线氣气車车養养聲声違违' +
  '築筑環环處处難难訪访職职業业閱阅讀读課课團团體体藝艺歡欢戲戏劇剧練练聽听講讲評评滿满報报稱称盡尽' +
  '淨净髒脏熱热涼凉壓压漲涨價价錯错趙赵孫孙張张劉刘陳陈楊杨黃黄吳吴鄭郑馮冯韓韩許许呂吕蔣蒋蘇苏葉叶' +
  '鄧邓盧卢陸陆謝谢羅罗蕭萧譚谭龔龚賈贾閻阎顧顾鍾钟馬马嚴严龍龙萬万賀贺湯汤範范雲云鄒邹紀纪韋韦項项' +
  '華华蘭兰鳳凤麗丽貴贵寶宝國国榮荣軍军強强偉伟慶庆順顺興兴傑杰東东紅红艷艳蓮莲' +
  '壞坏燒烧煙烟參参醫医護护導导測测層层戶户廳厅' +
  '兒儿幾几鄰邻陽阳臺台廁厕飯饭買买賣卖聯联歲岁點点開开關关樣样場场鳥鸟貓猫雞鸡裝装響响鬧闹濕湿鐵铁鏽锈網网長长帶带幹干資资產产廣广溫温樹树牆墙蓋盖亂乱圖图書书寫写誰谁屬属親亲爺爷媽妈';

const TABLE = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  TABLE.set(PAIRS.charAt(i), PAIRS.charAt(i + 1));
}
const TRADITIONAL = new RegExp(`[${[...TABLE.keys()].join('')}]`, 'g');

export const toSimplified = (s: string): string => s.replace(TRADITIONAL, (c) => TABLE.get(c) ?? c);
