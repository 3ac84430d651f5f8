"""Organization and program names the thesaurus does not know, found by their heads.

The word lists are the genre's: heads of State Council bodies, media and
companies; heads of programs, campaigns and pilots; the verbs that govern
them in official prose.  See :mod:`kg.recognizers.heads` for how the left
boundary is found.
"""

from __future__ import annotations

import re

from kg.recognizers.heads import HeadRule, word_set, words

#: Particles and verbs after which an organization name starts.
_ORG_BOUNDARIES = words(
    "的 在 把 被 从 向 是 了 请 由 据 会同 联合 协同 配合 指导 督促 推动 组织 要求 委托 授权 批准 成立 设立 组建 "
    "撤销 主管 印发 发布 召开 举行 出席 邀请 表示 介绍 根据 按照 牵头 负责 来自 支持 报请 交由 通过 "
    "对 图为 还有 以及 问 请问 注意到 看到 认为 显示 结合 称"
)
#: Verbs and particles after which a program name starts.
_PROGRAM_BOUNDARIES = words(
    "的 在 把 被 从 向 是 了 由 实施 开展 启动 推进 推动 组织 深入 持续 加快 落实 完成 参与 通过 依托 支持 打造 "
    "部署 做好 抓好 办好 对 结合 等 图为 还有 以及 推广 扩大 继续 深化 健全 完善 建立 建设 申报 入选 遴选 确定 "
    "认定 评选 纳入 发起 举办 开始 发挥 新设 设立 开工 搞 进行 举行 参加 "
    "全面 大力 积极 着力 重点 进一步 扎实 统筹 坚持 力争 争取 提出 印发 发布 公布 出台"
)

ORGANIZATION_RULE = HeadRule(
    label="ORG",
    source="org-head",
    # The lookahead lists the heads' first characters: the lookbehind guards keep the regex engine from
    # skipping ahead to a possible head by itself, and trying every alternative at every character is slow.
    heads=re.compile(
        r"(?=[委办总新通电广卫日晚杂研科工联协商法检部局署司报])"
        r"(?:委员会|办公室|办公厅|总局|总署|总台|新闻社|通讯社|电视台|广播电台|卫视|日报|晚报|杂志社?|研究院|研究所|"
        r"科学院|工程院|联合会|协会|商会|法院|检察院|"
        r"(?<![全内外干局东西中南北总本头底大各我该0-9一二两三四五六七八九十几多])部(?![门分署件位队落长委属])|"
        r"(?<![格布开大全当结变时僵骗新好])局(?![面势限长部])|(?<![部签])署(?![名长])|"
        r"(?<![公上官])司(?![长法机令])|(?<![通播上申填呈回见登汇举情快公简预海捷警画])报(?![告道送名表到价警销酬批复考案偿废])"
        r")"
    ),
    boundaries=_ORG_BOUNDARIES,
    generic=word_set("有关 相关 职能 主管 管理 各级 各 政府 地方 中央 国家 上级 下级 其他 这个 这些 两 三 本"),
    non_names=word_set("俱乐部 年报 月报 周报 季报 一局 两局"),
)

PROGRAM_RULE = HeadRule(
    label="PROGRAM",
    source="program-head",
    heads=re.compile(
        r"(?:专项行动|行动计划|专项整治行动|试点示范|示范基地|示范平台|示范区|示范城市|试验区|"
        r"工程(?![师学化项建队])|行动(?![起来中上者力])|计划(?!经济|生育|单列)|试点(?![工地区省市县])|"
        r"示范(?!应用|引领|带动|作用|效应|项目)|活动(?![中的])"
        r")"
    ),
    boundaries=_PROGRAM_BOUNDARIES,
    generic=word_set(
        "重大 重点 专项 整治 相关 有关 各类 各项 一系列 这项 这些 一批 系列 一项 该 本 有关部门 "
        "攻坚 三年 五年 年度 全国 国家 行动 计划 工程 试点 示范 活动 项目 改造 建设 "
        "近期 今年 去年 明年 当前 目前 下一步 此前 前期 后续 有关工作 "
        "实际 擅自 统一 一致 共同 改进 突出 超过 按 有 犯罪 违法 宗教 迷信 分裂 纪念 群众 经济 文化 社会 信贷 指令性 "
        "改革 政府 创造性 形象 政绩 多边 主场外交 系列 投资"
    ),
    non_names=word_set("生产活动 经济活动 社会活动 商业活动 系统工程 一项工程 大工程 行动起来"),
)
