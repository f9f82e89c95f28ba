<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <location filename="../../reader/ui/export_dialog.py" line="55"/>
        <source>This article (%n annotation(s))</source>
        <translation>
            <numerusform>This article (%n annotation)</numerusform>
            <numerusform>This article (%n annotations)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/export_dialog.py" line="56"/>
        <source>All articles (%n annotation(s))</source>
        <translation>
            <numerusform>All articles (%n annotation)</numerusform>
            <numerusform>All articles (%n annotations)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/library_dock.py" line="305"/>
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/status.py" line="85"/>
        <source>%n pair(s) · %1 unpaired</source>
        <translation>
            <numerusform>%n pair · %1 unpaired</numerusform>
            <numerusform>%n pairs · %1 unpaired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="296"/>
        <source>Exported %n annotation(s) to %1</source>
        <translation>
            <numerusform>Exported %n annotation to %1</numerusform>
            <numerusform>Exported %n annotations to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="312"/>
        <source>Imported %n annotation(s); %1 were already here.</source>
        <translation>
            <numerusform>Imported %n annotation; %1 were already here.</numerusform>
            <numerusform>Imported %n annotations; %1 were already here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/annotation_ui.py" line="315"/>
        <source>Skipped %n entry(ies):</source>
        <translation>
            <numerusform>Skipped %n entry:</numerusform>
            <numerusform>Skipped %n entries:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/search_dock.py" line="109"/>
        <source>%Ln article(s) · %1 ms</source>
        <translation>
            <numerusform>%Ln article · %1 ms</numerusform>
            <numerusform>%Ln articles · %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/proofread.py" line="637"/>
        <source>%n pair(s) flagged</source>
        <translation>
            <numerusform>%n pair flagged</numerusform>
            <numerusform>%n pairs flagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../reader/ui/check_dock.py" line="229"/>
        <source>%n issue(s) in %1 of %2 pairs</source>
        <translation>
            <numerusform>%n issue in %1 of %2 pairs</numerusform>
            <numerusform>%n issues in %1 of %2 pairs</numerusform>
        </translation>
    </message>
</context>
</TS>
