"""Organization, program and policy names the thesaurus does not know, found by their heads.

The word lists are the genre's: heads of State Council bodies, media and
companies; heads of programs, campaigns, battles and pilots; heads of named
documents and strategies that are written without 《》 (…行动方案, …实施纲要,
…条例, …协定, X战略); the verbs that govern them in official prose.  See
:mod:`kg.recognize.heads` for how the left boundary is found.
"""

from __future__ import annotations

from kg import regexes
from kg.recognize.component import Declaration
from kg.recognize.heads import HeadRule, word_set, words

#: Particles and verbs after which an organization name starts.
_ORG_BOUNDARIES = words(
    "的 在 把 被 从 向 是 了 请 由 据 会同 联合 协同 配合 指导 督促 推动 组织 要求 委托 授权 批准 成立 设立 组建 "
    "撤销 主管 印发 发布 召开 举行 出席 邀请 表示 介绍 根据 按照 牵头 负责 来自 支持 报请 交由 通过 "
    "对 图为 还有 以及 问 请问 注意到 看到 认为 显示 结合 称 完善 优化 健全 加强 查处 处罚 约谈 起诉 "
    "机关和 部门和 机构和 单位和 组织和 企业和 会议 会上 确定 决定 任命 宣布 "
    "提请 接受 贯彻 责成 依靠 拥护 推进 继续 鼓励 发展 规范 办好 搞好 培育 引导 扶持 收购 并购 入股 发挥"
)
#: Verbs and particles after which a program name starts.
_PROGRAM_BOUNDARIES = words(
    "的 在 把 被 从 向 是 了 由 实施 开展 启动 推进 推动 组织 深入 持续 加快 落实 完成 参与 通过 依托 支持 打造 "
    "部署 做好 抓好 办好 对 结合 等 图为 还有 以及 推广 扩大 继续 深化 健全 完善 建立 建设 申报 入选 遴选 确定 "
    "认定 评选 纳入 发起 举办 开始 发挥 新设 设立 开工 搞 进行 举行 参加 制定 增强 拓展 聚焦 新建 推开 "
    "防止 出现 避免 杜绝 严禁 禁止 反对 不搞 搞好 推行 加大 兴建 安排 实行 保证 确保 强化 倡导 鼓励 培育 "
    "打好 打赢 决胜 并 将 关于 推出 大力 积极 着力 进一步 扎实 统筹 坚持 力争 争取 提出 印发 发布 公布 出台"
)
#: Verbs and particles after which the name of a document or strategy starts.
_POLICY_BOUNDARIES = words(
    "的 在 把 被 从 向 是 了 由 对 等 以及 还有 结合 实施 推进 推动 落实 坚持 奉行 执行 贯彻 遵循 制定 出台 印发 "
    "发布 公布 修订 修改 制订 颁布 通过 签署 签订 商签 商谈 谈判 批准 加入 依据 根据 按照 深入 进一步 加快 继续 认真 "
    "与 大力 紧扣 符合 适应 服务 服从 对接 融入 围绕 实行 压缩 缩减 纳入 列入 调整 遵守 施行 审议 起草 宣传 违反 "
    "履行 用于 抓好 做好 确保 实现 维护 加强 "
    "积极 着力 扎实 坚定 坚决 深化 研究 编制 完成 生效 提出 启动 形成 关于 要 完善"
)

ORGANIZATION_RULE = HeadRule(
    declaration=Declaration("org-head", ("ORG",), rank=30, propagates=True),
    # The lookahead lists the heads' first characters: the lookbehind guards keep the regex engine from
    # skipping ahead to a possible head by itself, and trying every alternative at every character is slow.
    heads=regexes.compile(
        r"(?=[委常办总新通电广卫日晚杂研科工联协商法检部局署司报交股有集秘分])"
        r"(?:委员会|常委会|办公室|办公厅|总局|总署|总台|总部|秘书处|分行|"
        r"新闻社|通讯社|电视台|广播电台|卫视|日报|晚报|杂志社?|研究院|研究所|"
        r"科学院|工程院|联合会|协会|商会|法院|检察院|交易所|"
        # a company by its registered name: kinds of companies (上市公司, 保险公司) are far more common than names
        r"(?:股份)?有限(?:责任)?公司|集团公司|"
        r"(?<![全内外干局东西中南北总本头底大各我该0-9一二两三四五六七八九十几多])部(?![门分署件位队落长委属])|"
        r"(?<![格布开大全当结变时僵骗新好棋])局(?![面势限长部])|(?<![部签])署(?![名长])|"
        r"(?<![公上官])司(?![长法机令])|(?<![通播上申填呈回见登汇举情快公简预海捷警画])报(?![告道导送名表到价警销酬批复考案偿废])"
        r")"
    ),
    boundaries=_ORG_BOUNDARIES,
    generic=word_set(
        "有关 相关 职能 主管 管理 各级 各 政府 地方 中央 国家 上级 下级 其他 这个 这些 两 三 本 "
        "人大 专门 常务 行业 协会 商会 省 自治区 直辖市 市 县 "
        # kinds of companies, not their names
        "上市 证券 保险 投资 控股 国有 民营 外资 金融 这家 一些 该 两家 三家 几家 多家 部分 企业 一批"
    ),
    non_names=word_set("俱乐部 年报 月报 周报 季报 一局 两局"),
    parents=True,
    whole_words=True,
)

PROGRAM_RULE = HeadRule(
    declaration=Declaration("program-head", ("PROGRAM",), rank=31, propagates=True),
    heads=regexes.compile(
        r"(?=[专行试示攻保学主大以下工计活])"  # the heads' first characters (see ORGANIZATION_RULE)
        r"(?:专项行动|行动计划|专项整治行动|试点示范|示范基地|示范平台|示范区|示范城市|试验区|"
        r"攻坚战|保卫战|专项斗争|学习教育|主题教育|专题教育|大督查|以旧换新|"
        # the rural-purchase subsidies and services: 家电下乡, 汽车、摩托车下乡, 科技下乡
        r"(?<=家电|汽车|农机|科技|文化|卫生|电影|图书|送法)下乡|(?<=摩托车)下乡|(?<=建材)下乡|"
        r"工程(?![师学化项建队技])|行动(?![起来中上者力])|计划(?!经济|生育|单列|体制)|试点(?![工地区省市县])|"
        r"示范(?!应用|引领|带动|作用|效应|项目|性)|"
        # Most "activities" are not campaigns (打击犯罪活动, 经营活动, 学校体育活动): creation, education,
        # practice, special and themed drives are, and those named by a quoted part (“安全生产月”活动).
        r"(?<=创建|教育|实践|主题|专项)活动(?![中的])|(?<=[”」])活动(?![中的])"
        r")"
    ),
    boundaries=_PROGRAM_BOUNDARIES,
    generic=word_set(
        "重大 重点 专项 整治 相关 有关 各类 各项 一系列 这项 这些 一批 系列 一项 该 本 有关部门 "
        "攻坚 三年 五年 年度 全国 国家 行动 计划 工程 试点 示范 活动 项目 改造 建设 "
        "近期 今年 去年 明年 当前 目前 下一步 此前 前期 后续 有关工作 "
        "实际 擅自 统一 一致 共同 改进 突出 超过 按 有 犯罪 违法 宗教 迷信 分裂 纪念 群众 经济 文化 社会 信贷 指令性 "
        "改革 政府 创造性 形象 政绩 多边 主场外交 系列 投资 领域 开放"
    ),
    non_names=word_set(
        "生产活动 经济活动 社会活动 商业活动 系统工程 一项工程 大工程 行动起来 "
        "面子工程 形象工程 政绩工程 半拉子工程 豆腐渣工程"  # pejoratives, not programs
    ),
    quoted_parts=True,
    shared_heads=True,
)

POLICY_RULE = HeadRule(
    declaration=Declaration("policy-head", ("POLICY",), rank=32, propagates=True),
    heads=regexes.compile(
        r"(?=[行实规总工条协公议战负目])"
        r"(?:行动方案|实施方案|总体方案|实施纲要|规划纲要|行动纲要|工作要点|条例|协定|公约|议定书|负面清单|目录(?![下中内外])|"
        # A strategy's name ends the phrase (科教兴国战略, …战略和…); 战略性, 战略机遇, 战略目标 are other words.
        # 三大战略 and 一个大战略 count strategies rather than name one.
        r"(?<![大个项种])战略(?=[^\u4e00-\u9fff]|[和与及、的]|$)"
        r")"
    ),
    boundaries=_POLICY_BOUNDARIES,
    generic=word_set(
        "有关 相关 各项 这些 这个 这一 该 本 一个 具体 全面 总体 国家 区域 发展 重大 长远 长期 大 新 三大 两大 "
        "企业 技术 科技 经济 开放 贸易 文化 合作 双边 多边 国际 改革 工作 管理 实施 行动 三年 五年 十年 "
        "今年 明年 年度 配套 领域"
    ),
    non_names=word_set("发展战略 国家战略 对外开放战略 新战略"),
    quoted_parts=True,
    whole_words=True,
)
