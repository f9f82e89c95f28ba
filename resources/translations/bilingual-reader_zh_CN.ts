<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../reader/ui/about.py" line="41"/>
        <source>PSF License</source>
        <translation>PSF 许可证</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="51"/>
        <source>Sample articles (OpenDocCN)</source>
        <translation>示例文章（OpenDocCN）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="79"/>
        <source>About Bilingual Reader</source>
        <translation>关于双语对照阅读器</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="87"/>
        <location filename="../../reader/ui/main_window.py" line="70"/>
        <location filename="../../reader/ui/status.py" line="73"/>
        <location filename="../../reader/ui/welcome.py" line="40"/>
        <source>Bilingual Reader</source>
        <translation>双语对照阅读器</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="90"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="93"/>
        <location filename="../../reader/ui/welcome.py" line="43"/>
        <source>Read a Chinese translation beside its English original, paragraph by paragraph.</source>
        <translation>逐段对照阅读中文译文与英文原文。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="104"/>
        <source>Built with, and distributed under their licences:</source>
        <translation>使用以下组件构建，并依其许可证分发：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="108"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="121"/>
        <source>Components and licences</source>
        <translation>组件与许可证</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="122"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="122"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/about.py" line="122"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="263"/>
        <source>Select some text to highlight first.</source>
        <translation>请先选择要高亮的文字。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="387"/>
        <source>Select the text to attach the note to first.</source>
        <translation>请先选择要附加批注的文字。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="106"/>
        <location filename="../../reader/ui/selection_bar.py" line="26"/>
        <source>Highlight %1</source>
        <translation>高亮：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="113"/>
        <source>Add or Edit &amp;Note…</source>
        <translation>添加或编辑笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="117"/>
        <source>&amp;Bookmark This Place…</source>
        <translation>在此处添加书签(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="114"/>
        <source>&amp;Undo Delete</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="66"/>
        <source>&amp;Annotations</source>
        <translation>批注列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="111"/>
        <source>&amp;Annotate</source>
        <translation>批注(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="116"/>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="181"/>
        <source>Attach “%1” Here</source>
        <translation>将“%1”附加到此处</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="186"/>
        <source>Edit Note…</source>
        <translation>编辑笔记…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="187"/>
        <source>Delete Highlight</source>
        <translation>删除高亮</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="224"/>
        <source>Select some text to add a note to.</source>
        <translation>请先选择要添加笔记的文字。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="245"/>
        <location filename="../../reader/ui/note_dialog.py" line="28"/>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="245"/>
        <source>Name (optional):</source>
        <translation>名称（可选）：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="249"/>
        <source>Bookmarked.</source>
        <translation>已添加书签。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="253"/>
        <location filename="../../reader/ui/proofread.py" line="596"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="38"/>
        <location filename="../../reader/ui/annotations_dock.py" line="73"/>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="46"/>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="47"/>
        <source>Filter annotations</source>
        <translation>筛选批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="50"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="51"/>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="55"/>
        <location filename="../../reader/ui/annotations_dock.py" line="74"/>
        <source>Side</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="56"/>
        <source>Both sides</source>
        <translation>双语</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="60"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="62"/>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="63"/>
        <source>By position</source>
        <translation>按位置</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="64"/>
        <source>By time</source>
        <translation>按时间</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="74"/>
        <source>Quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="74"/>
        <location filename="../../reader/ui/note_dialog.py" line="28"/>
        <location filename="../../reader/ui/note_dialog.py" line="36"/>
        <location filename="../../reader/ui/selection_bar.py" line="35"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="74"/>
        <location filename="../../reader/ui/note_dialog.py" line="40"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="74"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="83"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="84"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="85"/>
        <source>Attach Here</source>
        <translation>附加到此处</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="86"/>
        <source>Select text in a pane, then attach the unanchored note to it</source>
        <translation>在窗格中选择文字，然后将未定位的批注附加到该处</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="129"/>
        <source>Highlights and notes</source>
        <translation>高亮与笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="130"/>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="131"/>
        <source>Unanchored</source>
        <translation>未定位</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations_dock.py" line="159"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="122"/>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="664"/>
        <location filename="../../reader/ui/article_view.py" line="704"/>
        <location filename="../../reader/ui/article_view.py" line="739"/>
        <source>Image not available</source>
        <translation>图片不可用</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="667"/>
        <source>Image cannot be read</source>
        <translation>无法读取图片</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="658"/>
        <location filename="../../reader/ui/article_view.py" line="673"/>
        <source>Image blocked</source>
        <translation>图片已拦截</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="670"/>
        <source>Remote image not loaded</source>
        <translation>未加载网络图片</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="674"/>
        <source>Image missing</source>
        <translation>图片缺失</translation>
    </message>
    <message>
        <location filename="../../reader/ui/article_view.py" line="731"/>
        <source>Loading image…</source>
        <translation>正在加载图片…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="49"/>
        <source>Omission</source>
        <translation>漏译</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="50"/>
        <source>Truncation</source>
        <translation>译文不完整</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="51"/>
        <source>Left untranslated</source>
        <translation>未翻译</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="52"/>
        <source>Repetition</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="53"/>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="54"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="55"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="56"/>
        <source>Addition</source>
        <translation>增译</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="57"/>
        <source>Term</source>
        <translation>术语</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="58"/>
        <source>Typography</source>
        <translation>排版</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="144"/>
        <source>Translation Check</source>
        <translation>译文核对</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="151"/>
        <source>Kinds of issues to list</source>
        <translation>要列出的问题类别</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="152"/>
        <source>All kinds</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="161"/>
        <source>Issues of the translation</source>
        <translation>译文的问题</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="168"/>
        <location filename="../../reader/ui/check_dock.py" line="204"/>
        <source>Open an article with its original to check the translation.</source>
        <translation>打开文章及其原文即可检查译文。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="177"/>
        <source>Checking the translation…</source>
        <translation>正在检查译文…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="214"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/check_dock.py" line="229"/>
        <source>%n issue(s) in %1 of %2 pairs</source>
        <translation>
            <numerusform>%1/%2 个段落对中有 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_dock.py" line="231"/>
        <source>Nothing to check: no issue found.</source>
        <translation>没有需要检查的：未发现问题。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/i18n.py" line="52"/>
        <location filename="../../reader/ui/preferences.py" line="49"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="43"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="43"/>
        <source>Site</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="43"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="43"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="44"/>
        <source>Last opened</source>
        <translation>上次打开</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="44"/>
        <source>Review</source>
        <translation>校对</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="47"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="47"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="48"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="81"/>
        <source>In progress (%1 of %2)</source>
        <translation>进行中（%1/%2）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="188"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="199"/>
        <source>Filter by title or site…</source>
        <translation>按标题或网站筛选…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="200"/>
        <source>Filter the library</source>
        <translation>筛选文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="204"/>
        <source>Filter by proofreading state</source>
        <translation>按校对状态筛选</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="210"/>
        <source>Library folders</source>
        <translation>文库文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="211"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="213"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="214"/>
        <source>Remove the chosen folder from the library (files stay on disk)</source>
        <translation>从文库中移除所选文件夹（文件仍保留在磁盘上）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="216"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="217"/>
        <source>Index new and changed files again</source>
        <translation>重新索引新增和修改的文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="227"/>
        <source>Indexing progress</source>
        <translation>索引进度</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="228"/>
        <location filename="../../reader/ui/original_pane.py" line="66"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="237"/>
        <source>Library articles</source>
        <translation>文库文章</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/library_dock.py" line="305"/>
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="307"/>
        <source>%1 indexed, %2 unchanged, %3 removed</source>
        <translation>新索引 %1，未变 %2，移除 %3</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="309"/>
        <source>%1 skipped</source>
        <translation>跳过 %1 个</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="314"/>
        <source>Skipped files</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="314"/>
        <source>No file was skipped.</source>
        <translation>没有跳过任何文件。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="350"/>
        <source>Indexing… %v of %m</source>
        <translation>正在索引… %v / %m</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="369"/>
        <source>Indexing failed: %1</source>
        <translation>索引失败：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="380"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="72"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="73"/>
        <location filename="../../reader/ui/original_pane.py" line="99"/>
        <source>English original</source>
        <translation>英文原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="74"/>
        <source>Interleaved translation and original</source>
        <translation>逐段对照的译文与原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="155"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="156"/>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="158"/>
        <source>&amp;Load original from file…</source>
        <translation>从文件载入原文(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="100"/>
        <source>&amp;Export Annotations…</source>
        <translation>导出批注(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="101"/>
        <source>&amp;Import Annotations…</source>
        <translation>导入批注(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="169"/>
        <source>&amp;Refresh Original</source>
        <translation>刷新原文(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="160"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="161"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="171"/>
        <source>S&amp;wap Panes</source>
        <translation>交换左右窗格(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="173"/>
        <source>Side by Side (&amp;Horizontal Split)</source>
        <translation>左右并排(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="175"/>
        <source>Stacked (&amp;Vertical Split)</source>
        <translation>上下排列(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="177"/>
        <source>&amp;Interleaved</source>
        <translation>逐段对照(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="180"/>
        <source>S&amp;ynchronized Scrolling</source>
        <translation>同步滚动(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="182"/>
        <source>&amp;Next Pair</source>
        <translation>下一对(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="183"/>
        <source>&amp;Previous Pair</source>
        <translation>上一对(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="186"/>
        <source>&amp;Zoom In</source>
        <translation>放大(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="187"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="188"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="56"/>
        <source>Follow the &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="56"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="57"/>
        <source>S&amp;epia</source>
        <translation>米黄(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="57"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="163"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="164"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="165"/>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="166"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="196"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="197"/>
        <source>&amp;About Bilingual Reader</source>
        <translation>关于双语对照阅读器(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="154"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="157"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="162"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="168"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="189"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="105"/>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="152"/>
        <source>Show Tool&amp;bar</source>
        <translation>显示工具栏(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="195"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="221"/>
        <source>Open Article</source>
        <translation>打开文章</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="221"/>
        <source>Markdown articles (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 文章 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="26"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="242"/>
        <source>This file is empty</source>
        <translation>这个文件是空的</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="242"/>
        <source>Write or paste the translation into it; it opens again by itself.</source>
        <translation>在其中写入或粘贴译文；保存后会自动重新打开。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="58"/>
        <source>Opened with warnings: %1</source>
        <translation>已打开，但有警告：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="60"/>
        <source>Reloaded: the file changed on disk.</source>
        <translation>已重新载入：文件在磁盘上有改动。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="65"/>
        <source>Not reloaded: %1</source>
        <translation>未重新载入：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="68"/>
        <location filename="../../reader/ui/status.py" line="70"/>
        <source>Cannot open article</source>
        <translation>无法打开文章</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="229"/>
        <source>Load Original</source>
        <translation>载入原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="230"/>
        <source>Saved pages and text (*.html *.htm *.md *.txt)</source>
        <translation>已保存的网页和文本 (*.html *.htm *.md *.txt)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/layouts.py" line="200"/>
        <location filename="../../reader/ui/status.py" line="49"/>
        <source>Alignment failed: %1</source>
        <translation>段落对齐失败：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="83"/>
        <source>%1 words · %2 characters</source>
        <translation>%1 词 · %2 字符</translation>
    </message>
    <message>
        <location filename="../../reader/ui/layouts.py" line="186"/>
        <source>Only in the translation</source>
        <translation>仅见于译文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/layouts.py" line="186"/>
        <source>Not translated</source>
        <translation>未翻译</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="42"/>
        <source>&amp;Library</source>
        <translation>文库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="51"/>
        <source>&amp;Search Library…</source>
        <translation>搜索文库(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="296"/>
        <source>Exported %n annotation(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 条批注到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="312"/>
        <source>Imported %n annotation(s); %1 were already here.</source>
        <translation>
            <numerusform>已导入 %n 条批注；%1 条已存在。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="315"/>
        <source>Skipped %n entry(ies):</source>
        <translation>
            <numerusform>跳过了 %n 条：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/status.py" line="39"/>
        <source>No Chinese font is installed, so Chinese text may show as boxes. Install one, e.g. on Debian or Ubuntu: sudo apt install fonts-noto-cjk</source>
        <translation>未安装中文字体，中文可能显示为方框。请安装一种中文字体，例如在 Debian 或 Ubuntu 上：sudo apt install fonts-noto-cjk</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="44"/>
        <source>Search Pan&amp;el</source>
        <translation>搜索面板(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_panel.py" line="32"/>
        <source>Translation &amp;Check</source>
        <translation>译文检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_panel.py" line="40"/>
        <source>Ne&amp;xt Issue</source>
        <translation>下一个问题(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/check_panel.py" line="41"/>
        <source>Previous Iss&amp;ue</source>
        <translation>上一个问题(&amp;U)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/status.py" line="85"/>
        <source>%n pair(s) · %1 unpaired</source>
        <translation>
            <numerusform>%n 对 · %1 未对应</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_panel.py" line="83"/>
        <source>Add a Folder to the Library</source>
        <translation>将文件夹添加到文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/main_window.py" line="314"/>
        <source>Text size %1 pt</source>
        <translation>字号 %1 磅</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="302"/>
        <location filename="../../reader/ui/annotation_ui.py" line="319"/>
        <source>Import Annotations</source>
        <translation>导入批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="303"/>
        <source>Web annotations (*.json *.jsonld);;All files (*)</source>
        <translation>Web 批注 (*.json *.jsonld);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_ui.py" line="306"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="55"/>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="55"/>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="55"/>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="56"/>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotation_controller.py" line="56"/>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/note_dialog.py" line="38"/>
        <source>&amp;Note:</source>
        <translation>笔记(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/note_dialog.py" line="38"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/note_dialog.py" line="41"/>
        <source>space-separated, e.g. term todo</source>
        <translation>用空格分隔，例如：术语 待办</translation>
    </message>
    <message>
        <location filename="../../reader/ui/note_dialog.py" line="44"/>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/note_dialog.py" line="54"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="155"/>
        <source>Fetching was cancelled.</source>
        <translation>已取消获取。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="156"/>
        <location filename="../../reader/ui/original_pane.py" line="101"/>
        <source>Original not loaded</source>
        <translation>原文未载入</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="188"/>
        <source>Archived copy of %1 — the original is gone</source>
        <translation>%1 的存档副本——原文已不存在</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="210"/>
        <source>saved copy from %1</source>
        <translation>%1 保存的副本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="212"/>
        <source>from file %1</source>
        <translation>来自文件 %1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_controller.py" line="214"/>
        <source>could not refresh: %1</source>
        <translation>无法刷新：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="65"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="67"/>
        <source>Load original from file…</source>
        <translation>从文件载入原文…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="100"/>
        <source>This article names no English original</source>
        <translation>这篇文章没有注明英文原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="102"/>
        <source>Fetching the English original…</source>
        <translation>正在获取英文原文…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="103"/>
        <source>The original could not be loaded</source>
        <translation>无法载入原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="121"/>
        <source>Load a saved copy of the original from a file.</source>
        <translation>可以从文件载入已保存的原文。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="130"/>
        <source>%1 of %2 KB</source>
        <translation>%1 / %2 KB</translation>
    </message>
    <message>
        <location filename="../../reader/ui/original_pane.py" line="133"/>
        <source>%1 KB received</source>
        <translation>已接收 %1 KB</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_dock.py" line="48"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_dock.py" line="57"/>
        <source>Search the library (words or &quot;a phrase&quot;)…</source>
        <translation>搜索文库（词语或&quot;短语&quot;）…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_dock.py" line="58"/>
        <source>Search query</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_dock.py" line="62"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search_dock.py" line="105"/>
        <source>No articles contain “%1”.</source>
        <translation>没有文章包含“%1”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/search_dock.py" line="109"/>
        <source>%Ln article(s) · %1 ms</source>
        <translation>
            <numerusform>%Ln 篇文章 · %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/selection_bar.py" line="27"/>
        <source>Highlight (Ctrl+%1)</source>
        <translation>高亮（Ctrl+%1）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/selection_bar.py" line="36"/>
        <source>Add a note (Ctrl+Shift+N)</source>
        <translation>添加笔记（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/sync.py" line="255"/>
        <source>Only in the translation: no counterpart in the original</source>
        <translation>仅见于译文：原文中没有对应段落</translation>
    </message>
    <message>
        <location filename="../../reader/ui/sync.py" line="256"/>
        <source>Not in the translation</source>
        <translation>译文中没有</translation>
    </message>
    <message>
        <location filename="../../reader/ui/sync.py" line="260"/>
        <source>Check the translation: the original has %1</source>
        <translation>请核对译文：原文中有 %1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/welcome.py" line="47"/>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/welcome.py" line="50"/>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/welcome.py" line="52"/>
        <source>Add a folder of articles to the library</source>
        <translation>将一个文章文件夹添加到文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/welcome.py" line="57"/>
        <location filename="../../reader/ui/welcome.py" line="61"/>
        <source>Sample articles and recent files</source>
        <translation>示例文章与最近的文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="44"/>
        <location filename="../../reader/ui/find_bar.py" line="45"/>
        <source>Find in page</source>
        <translation>在页面中查找</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="57"/>
        <source>Searched pane</source>
        <translation>查找的窗格</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="58"/>
        <source>&amp;Both panes</source>
        <translation>两个窗格(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="59"/>
        <source>Search the translation and the original</source>
        <translation>同时查找译文和原文</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="63"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="64"/>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="68"/>
        <source>Next match (F3)</source>
        <translation>下一个匹配（F3）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="69"/>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="73"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="74"/>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="115"/>
        <source>In both panes:</source>
        <translation>在两个窗格中：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="115"/>
        <source>In %1:</source>
        <translation>在%1中：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="197"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../reader/ui/find_bar.py" line="207"/>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 个</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="44"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="49"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="49"/>
        <source>Sepia</source>
        <translation>米黄</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="50"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="54"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="58"/>
        <source>&amp;Chinese font:</source>
        <translation>中文字体(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="59"/>
        <source>&amp;English font:</source>
        <translation>英文字体(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="65"/>
        <source>Text &amp;size:</source>
        <translation>字号(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="71"/>
        <source>Line s&amp;pacing:</source>
        <translation>行距(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="77"/>
        <source>Maximum text &amp;width:</source>
        <translation>最大正文宽度(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="78"/>
        <source>Scroll the other pane along (synchronized scrolling)</source>
        <translation>另一个窗格随之滚动（同步滚动）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="80"/>
        <source>Reading:</source>
        <translation>阅读：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="83"/>
        <source>Co&amp;nnection timeout:</source>
        <translation>连接超时(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="84"/>
        <source>&amp;Read timeout:</source>
        <translation>读取超时(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="85"/>
        <source>Load remote images (pictures from the web)</source>
        <translation>加载网络图片（来自网络的图片）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="87"/>
        <source>Images:</source>
        <translation>图片：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="93"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="97"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="101"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="102"/>
        <source>A new data folder is used from the next start.</source>
        <translation>新的数据文件夹将在下次启动时使用。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="111"/>
        <source>Data Folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/preferences.py" line="138"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/shortcuts_dialog.py" line="22"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reader/ui/shortcuts_dialog.py" line="27"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reader/ui/shortcuts_dialog.py" line="28"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../reader/ui/shortcuts_dialog.py" line="28"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../reader/ui/shortcuts_dialog.py" line="28"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="34"/>
        <source>Markdown (Obsidian, Typora)</source>
        <translation>Markdown（Obsidian、Typora）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="35"/>
        <source>W3C Web Annotation (JSON)</source>
        <translation>W3C Web 批注（JSON）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="36"/>
        <source>Web page (HTML, printable)</source>
        <translation>网页（HTML，可打印）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="37"/>
        <source>CSV (spreadsheets, Anki)</source>
        <translation>CSV（电子表格、Anki）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="47"/>
        <location filename="../../reader/ui/export_dialog.py" line="116"/>
        <source>Export Annotations</source>
        <translation>导出批注</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/export_dialog.py" line="55"/>
        <source>This article (%n annotation(s))</source>
        <translation>
            <numerusform>本文（%n 条批注）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/export_dialog.py" line="56"/>
        <source>All articles (%n annotation(s))</source>
        <translation>
            <numerusform>全部文章（%n 条批注）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="63"/>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="66"/>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="69"/>
        <source>Export destination</source>
        <translation>导出位置</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="70"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="74"/>
        <source>&amp;Save as:</source>
        <translation>保存为(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="82"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="97"/>
        <source>annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="125"/>
        <source>Choose where to save the export.</source>
        <translation>请选择导出文件的保存位置。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export_dialog.py" line="139"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="76"/>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="78"/>
        <source>Commit this file only, with this message:</source>
        <translation>只提交这个文件，提交说明如下：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="94"/>
        <source>Changes</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="111"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="113"/>
        <source>Commit…</source>
        <translation>提交…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="133"/>
        <source>No article is open.</source>
        <translation>没有打开的文章。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="152"/>
        <source>Against git HEAD (%1).</source>
        <translation>与 git HEAD 比较（%1）。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="154"/>
        <source>Against the text when proofreading started.</source>
        <translation>与开始校对时的文本比较。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="156"/>
        <source>Not in git and not edited here: nothing to compare.</source>
        <translation>不在 git 中，也未在此编辑：没有可比较的内容。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="158"/>
        <source>No changes.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/changes_dock.py" line="189"/>
        <source>Committed %1.</source>
        <translation>已提交 %1。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="93"/>
        <source>The file changed on disk while you were editing. On disk now:</source>
        <translation>编辑期间文件在磁盘上被改动了。磁盘上现在是：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="99"/>
        <source>Keep My Text</source>
        <translation>保留我的文本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="101"/>
        <source>Take the File&apos;s Text</source>
        <translation>采用文件中的文本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="111"/>
        <source>Ctrl+Enter save · Esc cancel · Tab save and next</source>
        <translation>Ctrl+Enter 保存 · Esc 取消 · Tab 保存并编辑下一段</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="128"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="130"/>
        <source>Put the corrected sentence into the editor (Ctrl+Enter saves it)</source>
        <translation>把改正后的句子放进编辑框（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="144"/>
        <source>The sentence was changed in the editor: this fix no longer fits.</source>
        <translation>这句话已在编辑框里改过，这处修正不再适用。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="227"/>
        <source>C&amp;hanges Panel</source>
        <translation>改动面板(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="241"/>
        <location filename="../../reader/ui/proofread.py" line="242"/>
        <source>&amp;Proofread</source>
        <translation>校对(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="244"/>
        <source>&amp;Edit Paragraph</source>
        <translation>编辑段落(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="245"/>
        <source>Undo Edit</source>
        <translation>撤销编辑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="246"/>
        <source>Redo Edit</source>
        <translation>重做编辑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="247"/>
        <source>Mark &amp;Reviewed</source>
        <translation>标为已校对(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="249"/>
        <source>&amp;Flag…</source>
        <translation>标记存疑(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="250"/>
        <source>Next &amp;Unreviewed Pair</source>
        <translation>下一个未校对段对(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="252"/>
        <source>Previous Unreviewed Pair</source>
        <translation>上一个未校对段对</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="254"/>
        <source>Next F&amp;lagged Pair</source>
        <translation>下一个存疑段对(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="340"/>
        <source>Cannot edit: %1</source>
        <translation>无法编辑：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="436"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="574"/>
        <source>The paragraph is gone from the file; copy your text.</source>
        <translation>文件中已没有这一段；请复制你的文本。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="596"/>
        <source>Nothing to redo.</source>
        <translation>没有可重做的操作。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="635"/>
        <source>Proofread %1/%2</source>
        <translation>校对 %1/%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/proofread.py" line="637"/>
        <source>%n pair(s) flagged</source>
        <translation>
            <numerusform>%n 处存疑</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../reader/ui/library_dock.py" line="48"/>
        <location filename="../../reader/ui/library_dock.py" line="80"/>
        <location filename="../../reader/ui/proofread.py" line="652"/>
        <source>Reviewed</source>
        <translation>已校对</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="652"/>
        <source>Flagged: %1</source>
        <translation>存疑：%1</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="653"/>
        <source>Not reviewed</source>
        <translation>未校对</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="655"/>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="674"/>
        <source>Flag Pair</source>
        <translation>标记存疑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="674"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="715"/>
        <source>No more pairs to go to.</source>
        <translation>没有更多段对了。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/proofread.py" line="721"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/web_page.py" line="30"/>
        <source>Open a Web Page</source>
        <translation>打开网页</translation>
    </message>
    <message>
        <location filename="../../reader/ui/web_page.py" line="31"/>
        <source>“%1” is a web page.</source>
        <translation>“%1”是一个网页。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/web_page.py" line="32"/>
        <source>Show it as the English original of “%1”, or open the article in it?</source>
        <translation>把它作为“%1”的英文原文显示，还是打开其中的文章？</translation>
    </message>
    <message>
        <location filename="../../reader/ui/web_page.py" line="34"/>
        <source>Use as &amp;Original</source>
        <translation>作为原文(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/web_page.py" line="35"/>
        <source>Open the &amp;Article in It</source>
        <translation>打开其中的文章(&amp;A)</translation>
    </message>
</context>
</TS>
