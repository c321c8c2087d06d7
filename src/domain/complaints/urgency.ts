/**
 * Danger to life or property makes a complaint urgent (domain.md §4.1: emergencies get the shortest
 * limits): electricity, gas, fire, open manholes, things that fall, people trapped. Charging a scooter
 * on a wire pulled down the stairwell (飞线充电) is the classic case and is spelled many ways.
 */
const DANGER = new RegExp(
  [
    '漏电',
    '触电',
    '电线裸露',
    '燃气',
    '煤气',
    '天然气',
    '井盖',
    '飞线',
    '(?:拉|扯|接|私拉)(?:电)?线.{0,10}充电',
    '楼道.{0,6}充电',
    '着火',
    '起火',
    '火灾',
    '冒烟',
    '坍塌',
    '塌了',
    '坠落',
    '高空抛物',
    '掉.{0,4}下来',
    '砸(?:到|伤)',
    '被困',
    '困在电梯',
    '关在电梯',
    '爆管',
    '水管爆',
    '危险',
    '紧急',
    '救命',
  ].join('|'),
);

export const isUrgent = (text: string): boolean => DANGER.test(text);
