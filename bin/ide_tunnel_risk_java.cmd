@echo off
rem Shared by the app's launchers: ide_tunnel_risk_java.cmd NAME COMMAND [ARG...]. NAME (the scheme or
rem action) leads every FATAL line; COMMAND is the jar's command (modinput, alert). Finds Java 17 or later
rem (JAVA_HOME first, then PATH) and runs the app jar. Arguments and stdin pass through; nothing secret is put
rem on the command line. Problems: one FATAL line on stderr (splunkd.log) and exit 1. Paths are expanded
rem outside parenthesised blocks on purpose: a ")" in a path such as "Program Files (x86)" would end the block.
setlocal EnableExtensions

set "NAME=%~1"
set "COMMAND=%~2"
shift
shift
set "ARGS="
:args
if "%~1"=="" goto :argsdone
set ARGS=%ARGS% %1
shift
goto :args
:argsdone
set "JAR=%~dp0..\lib\ide-tunnel-risk.jar"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%J in (java.exe) do set "JAVA=%%~$PATH:J"
if not defined JAVA goto :nojava

set "PROPS=%TEMP%\%NAME%_java_%RANDOM%%RANDOM%.txt"
"%JAVA%" -XshowSettings:properties -version <nul 1>nul 2>"%PROPS%"
set "SPEC="
for /f "usebackq tokens=2 delims==" %%V in (`findstr /c:"java.specification.version" "%PROPS%"`) do set "SPEC=%%V"
del "%PROPS%" 2>nul
if not defined SPEC goto :noversion
set "SPEC=%SPEC: =%"
set "MAJOR="
for /f "tokens=1,2 delims=." %%A in ("%SPEC%") do if "%%A"=="1" (set "MAJOR=%%B") else (set "MAJOR=%%A")
if not defined MAJOR goto :noversion
echo %MAJOR%| findstr /r "^[0-9][0-9]*$" >nul || goto :noversion
if %MAJOR% LSS 17 goto :tooold
if not exist "%JAR%" goto :nojar

"%JAVA%" -Xmx256m -jar "%JAR%" %COMMAND% %ARGS%
exit /b %ERRORLEVEL%

:nojava
echo FATAL %NAME%: no Java found; set JAVA_HOME or put Java 17 or later on PATH 1>&2
exit /b 1

:noversion
echo FATAL %NAME%: cannot tell the Java version of %JAVA%; need Java 17 or later 1>&2
exit /b 1

:tooold
echo FATAL %NAME%: Java %SPEC% at %JAVA% is older than 17; set JAVA_HOME to Java 17 or later 1>&2
exit /b 1

:nojar
echo FATAL %NAME%: %JAR% is missing; reinstall the app 1>&2
exit /b 1
