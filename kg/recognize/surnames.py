"""Chinese surnames, all of them: what a name found in free text must start with.

A name in a heading, a photo credit or a byline is a name whatever its
surname; only a name guessed from running text next to a title (局长张三,
张三司长) needs the check, and there a list of common surnames loses the
rare ones a reader meets every day in official news (束, 蔺, 訾, 亓官).  So
the inventory is complete rather than common: every single-character
surname CC-CEDICT marks as one (its "surname X" senses, Han characters of
the basic block, 2023-11-07 release), the few of the 百家姓 it lacks, and the
百家姓's two-character surnames.  Function words that are also surnames
(也, 都, 还, 和) are kept here: what keeps them out of free-text names is
:data:`kg.recognize.persons` 's guards, not this list.

CC-CEDICT is published by MDBG under CC BY-SA 4.0.
"""

from __future__ import annotations

#: Single-character surnames (Simplified).
SURNAMES = frozenset(
    "丁万三丌丑世丘业丛东严中丰义乌乐乔乘乜也习乾于云亓井亢京亶仇仈仉从付仝仰仲仵任伊伍伏休伭佉何佘余佚佟佫佳佴佽侯侴俞修倪偃"
    "傅傕储傿僖僚兀元充兆兑党全兰关兴冀冉冒农冠冬冮冯况冷冼凌凤凯刀刁刑刘利别剪力加劭励劳勾包匡匮区华卓单南卜卞卢卫卬印危卲厉"
    "厍原双古召台史叶司吉后向吕吴吾呙周呼和咸哈哙唐商喻嘉园围国土坊坐堵墨士壴夏夔奂奄奚奭妁妘妫姒委姚姜姞姣姬娄娲嫘嫚嫪嬴孔孙"
    "孟季孺宁安宋宓宗官宛宜宣室宦宫宰容宽宿密寇富寪寿封尉尚尤尧尨尹居屈展屠山岐岑岳崇崔嵇巢左巩巫巴帅师帙席常干平年幸幺广庄应"
    "庞庱康庾廉廖延弓弘张强归录彤彭律徐徒微忽怀怕恒恪恽惠慎戈戎成戚戢戴房扁扆扈扬扶承拓挚揭摇撖支敖教敫敬敻文斐新方於施时昊昌"
    "明易昔昝春晁晋晏晟景暨暴曲曹曾朐木朱朴机权李杜杞束杨杭松林枚枪柏查柯柳柴栗栾桂桑桓梁梅森棸楀楚楼樊樛檀欧步武殳殴段殷毋毕"
    "毛民水汝江池汤汪汲沃沇沈沓沙法泠洙洛洪济浦海涂涓淖清渠温渫港游湛湳溥滑滕满滹潘潞潭澄澧澹濮火炅炔炤焦熊燕燮爨爰爱牛牟牧犇"
    "狄王环班琮琴瑶璩瓮甄甘甪田申甸番疏白百皇皦皮益盖盚盛盱直盵相眭睢督瞫瞿矍矫石礼祁祖祝祢祭禄福禢禤禹离秉秋秦程稽穆穰窦立章"
    "童竺符笪策筦简管篯籀籍米粟糗糜索累纡红纪纳组绍经维缑缪缯罗羊羌羲羿翁翟翦翰翼耍耏耿聂肃肖肜胡胥能臣臧臾舌舍舒艾芈芦芮花苌"
    "苍苏苑苗苟苴范茅茹荀荆荣莘莫菑萧萨葛董蒉蒋蒙蒯蒲蓝蓟蓬蔌蔚蔡蔺蕑薄薛薳藇藉蘧虞虢蚩蜎融蟜衙衡衣袁袟裘裨裴褚襄西覃观角解言"
    "訇訚訾詹计许诸谈谌谏谓谢谭谯谷贝贡贲费贺贾赅赏赖赫赵越路蹇车轧轩轷辛辜边达过还连迟适逄逢逯遇遴遹邓邘邝邢那邨邬邰邱邲邳邴"
    "邵邸邹邺邽邾郁郄郅郈郊郎郏郐郑郕郗郜郝郞郤郦郭郯都鄂鄅鄐鄘鄚鄢鄦鄫鄹酆里金鈬鑢钏钟钦钭钮钱铁铎铫错镡门闪闫闳闵闻阎阙阚阮"
    "阳阴陆陈陎陶隆隋随隗隰隽雍雪雷霅霍露靖靳鞠鞮韦韩韶项顼顾颇颉颍题颛颜饶馀马驺驾骆骈骓高鬲魏鱄鱼鲁鲍鲰麋麦麯麴麻黄黎黥鼂齐"
    "齧龙龚"
)
#: Two-character surnames of the 百家姓 (Simplified), written as one run of pairs.
_COMPOUND_PAIRS = (
    "万俟司马上官欧阳夏侯诸葛闻人东方赫连皇甫尉迟公羊澹台公冶宗政濮阳淳于单于太叔申屠公孙仲孙轩辕令狐钟离"
    "宇文长孙慕容鲜于闾丘司徒司空亓官司寇子车颛孙端木巫马公西漆雕乐正壤驷公良拓跋夹谷宰父谷梁段干百里东郭"
    "南门呼延羊舌微生梁丘左丘东门西门南宫第五"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND_PAIRS[i : i + 2] for i in range(0, len(_COMPOUND_PAIRS), 2))


def has_surname(name: str) -> bool:
    """``name`` (Simplified) starts with a surname and has a given name after it."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return True
    return len(name) >= 2 and name[0] in SURNAMES
