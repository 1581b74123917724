package org.ensemble.console;

import java.util.NoSuchElementException;

import org.ensemble.schedule.Operations;
import org.ensemble.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every execution of the episode jobs, and one execution with its steps; fragments for htmx polling. Stop and restart
 * are for OPS (the security rules say so), through the same operations service as the API.
 */
@Controller
@RequestMapping("/console/runs")
class RunsController {

    private static final Logger LOG = LoggerFactory.getLogger(RunsController.class);
    private static final int SHOWN = 50;
    private final RunBoard board;
    private final Operations operations;
    private final AuditLog audit;

    RunsController(RunBoard board, Operations operations, AuditLog audit) {
        this.board = board;
        this.operations = operations;
        this.audit = audit;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("runs", board.recent(SHOWN));
        return "console/runs";
    }

    @GetMapping("/table")
    String table(Model model) {
        model.addAttribute("runs", board.recent(SHOWN));
        return "console/runs :: table";
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, Model model) {
        model.addAttribute("run", find(id));
        return "console/run";
    }

    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", find(id));
        return "console/run :: progress";
    }

    @PostMapping("/{id}/stop")
    String stop(@PathVariable long id, RedirectAttributes flash) {
        find(id);
        try {
            Operations.StopResult result = operations.stop(id);
            audit.record("execution.stop", "execution " + id, "from the console");
            flash.addFlashAttribute("message", result.message());
        } catch (IllegalStateException | NoSuchElementException e) {
            LOG.info("Stop of execution {} refused: {}", id, e.getMessage());
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/runs/" + id;
    }

    @PostMapping("/{id}/restart")
    String restart(@PathVariable long id, RedirectAttributes flash) {
        RunBoard.RunView run = find(id);
        if (!RunBoard.restartable(run.status())) {
            flash.addFlashAttribute("error", "Run " + id + " is " + run.status() + "; only a FAILED or STOPPED run restarts");
            return "redirect:/console/runs/" + id;
        }
        try {
            Operations.RestartRequest request = operations.restart(id);
            audit.record("execution.restart", "execution " + id, request.show() + "/" + request.airDate() + " from the console");
            flash.addFlashAttribute("message", "Restarting run " + id + " (" + request.show() + " / " + request.airDate()
                    + ") from where it stopped; the new execution appears at the top of this list");
        } catch (IllegalStateException | NoSuchElementException e) {
            LOG.info("Restart of execution {} refused: {}", id, e.getMessage());
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/runs/" + id;
        }
        return "redirect:/console/runs";
    }

    private RunBoard.RunView find(long id) {
        return board.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + id));
    }
}
